package io.porter.imports.mapping;

import io.porter.imports.ContactDraft;
import io.porter.imports.ParsedRow;
import io.porter.imports.RowError;
import io.porter.imports.mapping.RowValidator.Outcome;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Row validation: a parsed row becomes a contact draft or all of its errors")
class RowValidatorTest {

    private static final FieldMapping MAPPING = FieldMapping.fromJson(new JsonObject()
            .put("E-mail", "email").put("First", "firstName").put("Last", "lastName")
            .put("Org", "company").put("Tel", "phone")
            .put("Plan", "customFields.plan").put("City", "customFields.address.city"));

    private final RowValidator validator = new RowValidator(MAPPING, ValidationOptions.defaults());

    @Test
    @DisplayName("A good row becomes a draft with trimmed values, a lower-case email key and an E.164 phone")
    void validRow() {
        Outcome outcome = validator.map(row(7, "E-mail", "  Jane.Doe@Example.COM ", "First", " Jane ",
                "Last", "Doe", "Org", "Acme", "Tel", "(415) 555-0123", "Plan", "pro", "City", "Berlin",
                "Ignored", "x"));

        assertThat(draft(outcome)).isEqualTo(new ContactDraft(7, "Jane.Doe@Example.COM", "jane.doe@example.com",
                "Jane", "Doe", "Acme", "+14155550123", Map.of("plan", "pro", "address.city", "Berlin")));
    }

    @Test
    @DisplayName("Blank cells and absent columns become null, and blank custom fields are left out")
    void blanksBecomeNull() {
        Outcome outcome = validator.map(row(1, "E-mail", "a@b.com", "First", "   ", "Tel", " ", "Plan", "",
                "City", "Paris"));

        ContactDraft draft = draft(outcome);
        assertThat(draft.firstName()).isNull();
        assertThat(draft.lastName()).isNull();
        assertThat(draft.company()).isNull();
        assertThat(draft.phone()).isNull();
        assertThat(draft.customFields()).containsExactly(Map.entry("address.city", "Paris"));
    }

    @Test
    @DisplayName("With no custom values, the custom fields are an empty map")
    void noCustomFields() {
        assertThat(draft(validator.map(row(1, "E-mail", "a@b.com"))).customFields()).isEmpty();
    }

    @Test
    @DisplayName("A broken row is one error without a field, carrying the parser's message")
    void brokenRow() {
        Outcome outcome = validator.map(ParsedRow.broken(3, Map.of(), "row has 5 cells, the header has 4"));

        assertThat(errors(outcome)).containsExactly(new RowError(3, null, null, "row has 5 cells, the header has 4"));
    }

    @Test
    @DisplayName("A missing or blank email is 'email is required'")
    void missingEmail() {
        assertThat(errors(validator.map(row(4, "First", "Jane"))))
                .containsExactly(new RowError(4, "email", "", "email is required"));
        assertThat(errors(validator.map(row(5, "E-mail", "  "))))
                .containsExactly(new RowError(5, "email", "  ", "email is required"));
    }

    @Test
    @DisplayName("An invalid email is an error with the value and the reason")
    void invalidEmail() {
        assertThat(errors(validator.map(row(2, "E-mail", "a@b"))))
                .containsExactly(new RowError(2, "email", "a@b", "domain has no dot"));
    }

    @Test
    @DisplayName("A bad email and a bad phone in one row give two errors")
    void twoErrorsInOneRow() {
        assertThat(errors(validator.map(row(9, "E-mail", "a b@c.com", "Tel", "12")))).containsExactly(
                new RowError(9, "email", "a b@c.com", "contains a space"),
                new RowError(9, "phone", "12", "not a valid phone number for US"));
    }

    @Test
    @DisplayName("A bad phone alone makes the row invalid")
    void badPhoneAlone() {
        assertThat(errors(validator.map(row(1, "E-mail", "a@b.com", "Tel", "nope"))))
                .extracting(RowError::field).containsExactly("phone");
    }

    @Test
    @DisplayName("Without email validation, any non-blank email passes, trimmed, and is still required")
    void emailValidationOff() {
        RowValidator lenient = new RowValidator(MAPPING, new ValidationOptions(false, true, "US"));

        ContactDraft draft = draft(lenient.map(row(1, "E-mail", " Not An Email ")));
        assertThat(draft.email()).isEqualTo("Not An Email");
        assertThat(draft.emailKey()).isEqualTo("not an email");
        assertThat(errors(lenient.map(row(2, "E-mail", "")))).extracting(RowError::error)
                .containsExactly("email is required");
    }

    @Test
    @DisplayName("Without phone validation, the phone is kept as typed, trimmed")
    void phoneValidationOff() {
        RowValidator lenient = new RowValidator(MAPPING, new ValidationOptions(true, false, "US"));

        assertThat(draft(lenient.map(row(1, "E-mail", "a@b.com", "Tel", " 12 ext 3 "))).phone())
                .isEqualTo("12 ext 3");
    }

    @Test
    @DisplayName("The default country decides how national phone numbers are read")
    void defaultCountryUsed() {
        RowValidator german = new RowValidator(MAPPING, new ValidationOptions(true, true, "DE"));

        assertThat(draft(german.map(row(1, "E-mail", "a@b.de", "Tel", "030 1234567"))).phone())
                .isEqualTo("+49301234567");
    }

    @Test
    @DisplayName("Internationalized emails pass and get a lower-case key")
    void internationalizedEmail() {
        ContactDraft draft = draft(validator.map(row(1, "E-mail", "Ü@Exämple.de")));

        assertThat(draft.emailKey()).isEqualTo("ü@exämple.de");
    }

    @Test
    @DisplayName("A mapping without an email column makes every row miss its email")
    void noEmailColumn() {
        RowValidator noEmail = new RowValidator(FieldMapping.suggest(List.of("First")), ValidationOptions.defaults());

        assertThat(errors(noEmail.map(row(1, "First", "Jane"))))
                .containsExactly(new RowError(1, "email", "", "email is required"));
    }

    private static ParsedRow row(long number, String... columnsAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            values.put(columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return ParsedRow.of(number, values);
    }

    private static ContactDraft draft(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Valid.class);
        return ((Outcome.Valid) outcome).draft();
    }

    private static List<RowError> errors(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Invalid.class);
        return ((Outcome.Invalid) outcome).errors();
    }
}
