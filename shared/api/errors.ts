import { z } from 'zod';

export const ErrorCode = z.enum([
  'invalid_request',
  'not_found',
  'storage_unavailable',
  'storage_failed',
  'invalid_message',
  /** The action needs a role this participant does not have (the secretariat's, usually). */
  'forbidden',
  /** A file given to Accord is damaged or not one of its own; nothing was changed. */
  'invalid_file',
  /** Something the action needs cannot be reached now (the meeting's hub); nothing was changed. */
  'unavailable',
  /** The action would do something the user has not confirmed (move a meeting to another hub); nothing was changed. */
  'needs_confirmation',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** What crosses a boundary when something fails: never null, always something a person can act on. */
export const ApiErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  /** The file concerned, when the error is about one (for instance an unreadable database). */
  file: z.string().optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

export class AccordError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;

  constructor(code: ErrorCode, message: string, file?: string) {
    super(message);
    this.name = 'AccordError';
    this.code = code;
    this.file = file;
  }

  toShape(): ApiErrorShape {
    return this.file === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, file: this.file };
  }

  static fromShape(shape: ApiErrorShape): AccordError {
    return new AccordError(shape.code, shape.message, shape.file);
  }
}

/** Turns anything thrown into the shape that crosses a boundary, without leaking internals. */
export function toErrorShape(error: unknown): ApiErrorShape {
  if (error instanceof AccordError) return error.toShape();
  return { code: 'internal', message: 'Accord hit an unexpected problem. Your saved work is safe; try again.' };
}
