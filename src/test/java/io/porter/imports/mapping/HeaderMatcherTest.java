package io.porter.imports.mapping;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Header matching: CRM export headers find their contact field")
class HeaderMatcherTest {

    @ParameterizedTest(name = "''{0}'' maps to {1}")
    @CsvSource(delimiter = '|', textBlock = """
            E-mail                 | email
            Email Address          | email
            E-mail 1 - Value       | email
            Email 1                | email
            Mail                   | email
            Primary Email          | email
            email                  | email
            Given Name             | firstName
            First Name             | firstName
            Firstname              | firstName
            Forename               | firstName
            firstName              | firstName
            Family Name            | lastName
            Surname                | lastName
            Last Name              | lastName
            lastName               | lastName
            Organization           | company
            Organization 1 - Name  | company
            Company Name           | company
            Company                | company
            Account Name           | company
            Business               | company
            company                | company
            Mobile Phone           | phone
            Phone Number           | phone
            Phone 1 - Value        | phone
            Telephone              | phone
            Mobile                 | phone
            Cell                   | phone
            Work Phone             | phone
            phone                  | phone
            """)
    @DisplayName("Known synonyms of the big CRMs' exports and Porter's own headers map to their field")
    void synonyms(String header, String field) {
        assertThat(HeaderMatcher.fieldFor(header)).contains(field);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"EMAIL", "e_mail", " Email-Address ", "E.MAIL", "email:", "eMail  ADDRESS", "\"Email\""})
    @DisplayName("Case, spacing and punctuation are ignored")
    void caseSpacingAndPunctuationIgnored(String header) {
        assertThat(HeaderMatcher.fieldFor(header)).contains("email");
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            FIRST-NAME    | firstName
            last_name     | lastName
            Phone #       | phone
            company.name  | company
            """)
    @DisplayName("Punctuated and upper-case variants of other fields match too")
    void punctuatedVariants(String header, String field) {
        assertThat(HeaderMatcher.fieldFor(header)).contains(field);
    }

    @Test
    @DisplayName("A customFields.<key> header maps to that custom field, dots in the key kept")
    void customFieldHeaders() {
        assertThat(HeaderMatcher.fieldFor("customFields.plan")).contains("customFields.plan");
        assertThat(HeaderMatcher.fieldFor("customFields.address.city")).contains("customFields.address.city");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"Notes", "Fax", "Birthday", "Lead Source", "", "   ", "customFields.", "---"})
    @DisplayName("Unknown headers are left unmapped, never guessed into custom fields")
    void unknownHeadersUnmapped(String header) {
        assertThat(HeaderMatcher.fieldFor(header)).isEmpty();
    }

    @Test
    @DisplayName("A null header is unmapped")
    void nullHeader() {
        assertThat(HeaderMatcher.fieldFor(null)).isEmpty();
    }
}
