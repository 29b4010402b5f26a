package io.dbsync.api.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import java.util.List;

class CollectionFilterTest {

    @Test
    void globsMatchAnyRunOfCharactersAndNothingElseIsSpecial() {
        assertThat(CollectionFilter.matches("ord*", "orders")).isTrue();
        assertThat(CollectionFilter.matches("*_log", "audit_log")).isTrue();
        assertThat(CollectionFilter.matches("a*c*e", "abcde")).isTrue();
        assertThat(CollectionFilter.matches("*", "anything")).isTrue();
        assertThat(CollectionFilter.matches("orders", "orders2")).isFalse();
        assertThat(CollectionFilter.matches("a.b", "axb")).as("a dot is a dot").isFalse();
        assertThat(CollectionFilter.matches("(x)+", "(x)+")).isTrue();
    }

    @Test
    void anEmptyIncludeMeansAllAndExcludeWins() {
        CollectionFilter filter = new CollectionFilter(List.of(), List.of("tmp_*"));
        CollectionFilter both = new CollectionFilter(List.of("o*"), List.of("old*"));

        assertThat(filter.accepts("orders")).isTrue();
        assertThat(filter.accepts("tmp_import")).isFalse();
        assertThat(both.accepts("orders")).isTrue();
        assertThat(both.accepts("old_orders")).isFalse();
        assertThat(both.accepts("customers")).isFalse();
    }

    @Test
    void emptyOrNulPatternsAreRefused() {
        assertThatThrownBy(() -> new CollectionFilter(List.of(""), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CollectionFilter(List.of(), List.of("a\0b"))).isInstanceOf(IllegalArgumentException.class);
    }
}
