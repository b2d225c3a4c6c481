/** Emails are compared lower-cased and trimmed: "Jo@Practice.nhs.uk " and "jo@practice.nhs.uk" are one person. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,63}$/;
export const looksLikeEmail = (email: string): boolean => email.length <= 254 && EMAIL.test(email);
