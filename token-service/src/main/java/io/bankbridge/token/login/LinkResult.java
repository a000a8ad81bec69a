package io.bankbridge.token.login;

/** The outcome of linking a second login to the signed-in one. */
public enum LinkResult {
    /** The logins are linked; the picker now shows both logins' accounts. */
    LINKED,
    /** Unknown user name or wrong password (counted toward that login's lockout). */
    INVALID_CREDENTIALS,
    /** The other login is temporarily locked. */
    LOCKED,
    /** Too many recent failures from this source address: nothing was checked. */
    THROTTLED,
    /** Password hashing is at its bound: nothing was checked, try again in a moment. */
    BUSY,
    /** Valid credentials, but the login cannot be linked: it is already linked, or belongs to the same customer. */
    REFUSED
}
