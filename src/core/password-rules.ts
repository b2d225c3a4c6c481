/** How long a password must be: the server enforces it, and the web app says so before asking. */
export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 200;
