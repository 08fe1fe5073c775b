package io.porter.exports.files;

import static io.porter.exports.files.ExportFixtures.ann;
import static io.porter.exports.files.ExportFixtures.wang;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Export columns")
class ExportColumnsTest {

    @Test
    @DisplayName("Without selectedFields the columns are email, firstName, lastName, company and phone")
    void defaults() {
        assertThat(ExportColumns.of(null, false, List.of("plan"), false).names())
                .containsExactly("email", "firstName", "lastName", "company", "phone");
    }

    @Test
    @DisplayName("selectedFields picks standard fields, tags, dates and custom fields in the order given")
    void selected() {
        ExportColumns columns = ExportColumns.of(
                List.of("tags", "email", "createdAt", "customFields.plan", "updatedAt"), false, List.of(), false);

        assertThat(columns.names()).containsExactly("tags", "email", "createdAt", "customFields.plan", "updatedAt");
        assertThat(columns.valueOf("tags", ann())).isEqualTo("vip;beta");
        assertThat(columns.valueOf("createdAt", ann())).isEqualTo(ExportFixtures.CREATED);
        assertThat(columns.valueOf("customFields.plan", ann())).isEqualTo("pro");
    }

    @Test
    @DisplayName("includeCustomFields adds one column per custom key not already selected")
    void customFields() {
        ExportColumns columns = ExportColumns.of(
                List.of("email", "customFields.region"), true, List.of("plan", "region", "size"), false);

        assertThat(columns.names())
                .containsExactly("email", "customFields.region", "customFields.plan", "customFields.size");
        assertThat(columns.valueOf("customFields.size", ann())).isNull();
    }

    @Test
    @DisplayName("includeEngagementMetrics adds the five engagement columns; no engagement reads as zero counts")
    void engagement() {
        ExportColumns columns = ExportColumns.of(null, false, null, true);

        assertThat(columns.names()).endsWith("emailsSent", "emailsOpened", "emailsClicked", "lastOpenedAt",
                "lastClickedAt");
        assertThat(columns.valueOf("emailsOpened", ann())).isEqualTo(3);
        assertThat(columns.valueOf("lastClickedAt", ann())).isEqualTo(ExportFixtures.CLICKED);
        assertThat(columns.valueOf("emailsSent", wang())).isEqualTo(0);
        assertThat(columns.valueOf("lastOpenedAt", wang())).isNull();
    }

    @Test
    @DisplayName("A field selected twice is one column")
    void duplicates() {
        assertThat(ExportColumns.of(List.of("email", "phone", "email"), false, null, false).names())
                .containsExactly("email", "phone");
    }

    @Test
    @DisplayName("An unknown field is rejected with a message naming it and listing the fields")
    void unknownField() {
        assertThatThrownBy(() -> ExportColumns.of(List.of("email", "fax"), false, null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown field 'fax' in selectedFields; fields are email, firstName")
                .hasMessageContaining("customFields.<key>");
        assertThatThrownBy(() -> ExportColumns.of(List.of("emailsSent"), false, null, false))
                .hasMessageContaining("'emailsSent'");
        assertThatThrownBy(() -> ExportColumns.of(List.of("customFields."), false, null, false))
                .hasMessageContaining("'customFields.'");
    }

    @Test
    @DisplayName("An empty selectedFields list is rejected rather than exporting no columns")
    void emptySelection() {
        assertThatThrownBy(() -> ExportColumns.of(List.of(), false, null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("selectedFields is empty");
    }

    @Test
    @DisplayName("An unknown format is rejected naming it")
    void unknownFormat() {
        assertThatThrownBy(() -> ExportWriters.create("pdf", new CountingOutputStream(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown format 'pdf'; formats are csv, xlsx, json");
    }
}
