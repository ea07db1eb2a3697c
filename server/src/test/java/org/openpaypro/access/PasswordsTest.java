package org.openpaypro.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void a_hash_verifies_its_password_and_no_other() {
        String stored = Passwords.hash("correct horse battery staple");
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct");
        assertThat(Passwords.verify("correct horse battery staple", stored)).isTrue();
        assertThat(Passwords.verify("correct horse battery stapl", stored)).isFalse();
    }

    @Test
    void the_same_password_hashes_differently_each_time() {
        assertThat(Passwords.hash("same")).isNotEqualTo(Passwords.hash("same"));
    }

    @Test
    void a_known_argon2id_vector_verifies() {
        // Computed independently with the npm package hash-wasm 4 (argon2id, m=64 KiB, t=1, p=1, salt "somesalt",
        // 16-byte hash, encoded output) for the password "password".
        String stored = "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$pMlwOs/gn+zdvoB/AGiRNA";
        assertThat(Passwords.verify("password", stored)).isTrue();
        assertThat(Passwords.verify("passwore", stored)).isFalse();
    }

    @Test
    void malformed_or_overlong_input_is_refused_without_an_exception() {
        assertThat(Passwords.verify("x", "$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$AAAA")).isFalse();
        assertThat(Passwords.verify("x", "not a hash")).isFalse();
        assertThat(Passwords.verify("x", "$argon2id$v=19$m=zz,t=1,p=1$c29tZXNhbHQ$AAAA")).isFalse();
        assertThat(Passwords.verify("x".repeat(Passwords.MAX_LENGTH + 1), Passwords.hash("x"))).isFalse();
    }

    @Test
    void temporary_passwords_are_long_and_unambiguous() {
        String temporary = Passwords.temporary();
        assertThat(temporary).hasSize(16).matches("[a-km-zA-HJ-NP-Z2-9]{16}");
    }
}
