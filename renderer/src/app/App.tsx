import { createHashRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { routes } from './routes';

/**
 * Hash routing: the app is one file served from custodia://app/index.html (main/app/protocol.ts),
 * so addresses live after the '#', never reach the protocol handler, and are in-page navigations
 * that the window's navigation guard (main/app/guards.ts, 'will-navigate') does not see.
 */
const router = createHashRouter(routes);

export function App() {
  return <RouterProvider router={router} />;
}
