import type { ComponentProps } from 'react';

/**
 * Every text, e-mail, phone, search, number and file input, every select and text area goes
 * through these three, so that each control looks and behaves the same (styles/controls.css `.control`).
 * They pass everything through, react-hook-form's `register()` ref included.
 */
const withControl = (className: string | undefined) => (className ? `control ${className}` : 'control');

export function TextInput({ className, ...props }: ComponentProps<'input'>) {
  return <input {...props} className={withControl(className)} />;
}

export function SelectInput({ className, ...props }: ComponentProps<'select'>) {
  return <select {...props} className={withControl(className)} />;
}

export function TextArea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea {...props} className={withControl(className)} />;
}
