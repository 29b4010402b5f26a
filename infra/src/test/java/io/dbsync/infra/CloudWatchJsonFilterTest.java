package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The evaluator agrees with the documented CloudWatch Logs semantics it relies on. */
class CloudWatchJsonFilterTest {

    private static final CloudWatchJsonFilter LEVEL_AND_EVENT =
            CloudWatchJsonFilter.parse("{ ($.level = \"ERROR\") && ($.event = \"dbsync.sync\") }");

    @Test
    void matchesWhenEveryConditionHolds() {
        assertThat(LEVEL_AND_EVENT.matches("{\"level\":\"ERROR\",\"event\":\"dbsync.sync\"}")).isTrue();
    }

    @Test
    void doesNotMatchWhenOneConditionFails() {
        assertThat(LEVEL_AND_EVENT.matches("{\"level\":\"ERROR\",\"event\":\"dbsync.http\"}")).isFalse();
    }

    @Test
    void comparesStringsCaseSensitively() {
        assertThat(LEVEL_AND_EVENT.matches("{\"level\":\"error\",\"event\":\"dbsync.sync\"}")).isFalse();
    }

    @Test
    void comparesWholeValuesNotSubstrings() {
        assertThat(LEVEL_AND_EVENT.matches("{\"level\":\"ERRORS\",\"event\":\"dbsync.sync\"}")).isFalse();
    }

    @Test
    void neverMatchesAnEventThatIsNotJson() {
        assertThat(LEVEL_AND_EVENT.matches("ERROR dbsync.sync level=ERROR event=dbsync.sync")).isFalse();
    }

    @Test
    void neverMatchesWhenTheSelectedFieldIsAbsent() {
        assertThat(LEVEL_AND_EVENT.matches("{\"event\":\"dbsync.sync\"}")).isFalse();
    }

    @Test
    void neverMatchesAFieldNestedElsewhere() {
        assertThat(LEVEL_AND_EVENT.matches("{\"x\":{\"level\":\"ERROR\",\"event\":\"dbsync.sync\"}}")).isFalse();
    }

    @Test
    void supportsWildcardsInStrings() {
        assertThat(CloudWatchJsonFilter.parse("{ $.event = \"dbsync.*\" }").matches("{\"event\":\"dbsync.sync\"}")).isTrue();
    }

    @Test
    void supportsOrAndNumbers() {
        CloudWatchJsonFilter f = CloudWatchJsonFilter.parse("{ $.a = 1 || $.b > 2.5 }");
        assertThat(f.matches("{\"a\":0,\"b\":3}")).isTrue();
    }

    @Test
    void doesNotCompareAStringPatternWithANumber() {
        assertThat(CloudWatchJsonFilter.parse("{ $.a = \"1\" }").matches("{\"a\":1}")).isFalse();
    }

    @Test
    void supportsNotExists() {
        assertThat(CloudWatchJsonFilter.parse("{ $.error NOT EXISTS }").matches("{\"a\":1}")).isTrue();
    }

    @Test
    void supportsArrayIndexSelectors() {
        assertThat(CloudWatchJsonFilter.parse("{ $.a[1] = \"y\" }").matches("{\"a\":[\"x\",\"y\"]}")).isTrue();
    }

    @Test
    void rejectsSyntaxItDoesNotImplementInsteadOfGuessing() {
        assertThatThrownBy(() -> CloudWatchJsonFilter.parse("{ $.a[*].b = \"x\" }"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsATermPatternThatIsNotJson() {
        assertThatThrownBy(() -> CloudWatchJsonFilter.parse("ERROR"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
