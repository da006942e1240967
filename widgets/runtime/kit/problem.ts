/** Turns a failure into one sentence for the figure. The runtime's own errors are already written for readers. */
export function problemText(error: unknown, fallback = 'Something went wrong while running the model.'): string {
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}
