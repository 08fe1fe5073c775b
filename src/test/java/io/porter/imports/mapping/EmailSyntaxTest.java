package io.porter.imports.mapping;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Email syntax: valid addresses pass, invalid ones get a human reason")
class EmailSyntaxTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "a@b.co",
            "jane.doe@example.com",
            "Jane.Doe@Example.COM",
            "user+tag@example.com",
            "o'brien@example.ie",
            "x_y-z@sub.domain.example.org",
            "!#$%&'*+-/=?^_`{|}~@example.com",
            "1234@123.example.com",
            "a@b.c0m",
            "a@xn--mnchen-3ya.de",
            "ü@exämple.de",
            "用户@例子.广告",
            "josé.garcía@correo.es",
            "a@a-b.com"
    })
    @DisplayName("Valid addresses, internationalized ones included, have no problem")
    void valid(String email) {
        assertThat(EmailSyntax.problem(email)).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a@b                | domain has no dot
            ab.com             | missing @
            a.b@c              | domain has no dot
            a b@c.com          | contains a space
            a@b.c0m ok?        | contains a space
            a@@b.com           | more than one @
            a@b@c.com          | more than one @
            .a@b.com           | the part before the @ starts with a dot
            a.@b.com           | the part before the @ ends with a dot
            a..b@c.com         | the part before the @ has two dots in a row
            @b.com             | nothing before the @
            a@                 | nothing after the @
            a@-b.com           | a domain part starts or ends with a hyphen
            a@b-.com           | a domain part starts or ends with a hyphen
            a@.b.com           | domain starts with a dot
            a@b.com.           | domain ends with a dot
            a@b..com           | domain has two dots in a row
            a@b.123            | top-level domain is all digits
            a@1.2.3.4          | top-level domain is all digits
            a@[1.2.3.4]        | IP address domains are not supported
            "a b"@c.com        | contains a space
            "ab"@c.com         | quoted local parts are not supported
            a(b)@c.com         | the part before the @ contains '('
            a@b_c.com          | domain contains '_'
            a,b@c.com          | the part before the @ contains ','
            """)
    @DisplayName("Invalid addresses are refused with the reason")
    void invalid(String email, String reason) {
        assertThat(EmailSyntax.problem(email)).contains(reason);
    }

    @Test
    @DisplayName("A 64-character local part passes, 65 characters do not")
    void localPartLength() {
        assertThat(EmailSyntax.problem("a".repeat(64) + "@example.com")).isEmpty();
        assertThat(EmailSyntax.problem("a".repeat(65) + "@example.com"))
                .contains("the part before the @ is longer than 64 characters");
    }

    @Test
    @DisplayName("Domain labels may be 63 characters, not 64")
    void labelLength() {
        assertThat(EmailSyntax.problem("a@" + "d".repeat(63) + ".com")).isEmpty();
        assertThat(EmailSyntax.problem("a@" + "d".repeat(64) + ".com"))
                .contains("a domain part is longer than 63 characters");
    }

    @Test
    @DisplayName("Addresses over 254 characters are refused, however long the domain")
    void totalAndDomainLength() {
        String domain = String.join(".", "d".repeat(63), "d".repeat(63), "d".repeat(63), "d".repeat(55), "com");
        assertThat(domain).hasSize(251);
        assertThat(EmailSyntax.problem("a@" + domain)).isEmpty();
        assertThat(EmailSyntax.problem("abcd@" + domain)).contains("longer than 254 characters");
        String longDomain = "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(60) + ".com";
        assertThat(EmailSyntax.problem("a@" + longDomain)).contains("longer than 254 characters");
    }

    @Test
    @DisplayName("Control characters, non-breaking spaces and empty input are refused")
    void controlAndEmpty() {
        assertThat(EmailSyntax.problem("a\u0000b@c.com")).contains("contains a control character");
        assertThat(EmailSyntax.problem("a\u00a0b@c.com")).contains("contains a space");
        assertThat(EmailSyntax.problem("a@b.com\t")).contains("contains a space");
        assertThat(EmailSyntax.problem("")).contains("email is empty");
        assertThat(EmailSyntax.problem(null)).contains("email is empty");
    }
}
