-- A value that changes when a user signs out or changes password: a sign-in cookie issued before no longer works.

ALTER TABLE users ADD COLUMN security_stamp TEXT;
