package io.bankbridge.token.login;

/** The outcome of checking a user name and password. */
public sealed interface SignInResult {

    /** The credentials are valid and the user name is not locked. */
    record Success(Login login) implements SignInResult {
    }

    /** Unknown user name or wrong password: deliberately indistinguishable. */
    record Invalid() implements SignInResult {
    }

    /** Too many recent failures: the user name is temporarily locked, whatever the password. */
    record Locked() implements SignInResult {
    }

    /** Too many recent failures from this source address: refused, password unchecked, until it has waited. */
    record Throttled() implements SignInResult {
    }

    /** Password hashing is at its bound: nothing was checked, try again in a moment. */
    record Busy() implements SignInResult {
    }
}
