import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import '../../renderer/src/i18n';

afterEach(() => cleanup());
