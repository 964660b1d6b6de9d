package io.sfsbroker.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void render_padsEachColumnToItsWidestCell_twoSpacesApart_withoutTrailingBlanks() {
    String text =
        Table.withHeader("ID", "STATE", "PRICE")
            .row("s-1", "IN_SERVICE", 7024)
            .row("s-22", "FAILED", 0)
            .render();

    assertThat(text)
        .isEqualTo(
            """
            ID    STATE       PRICE
            s-1   IN_SERVICE  7024
            s-22  FAILED      0
            """);
  }

  @Test
  void fields_haveNoHeader_andNullCellsPrintAsDash() {
    String text = Table.fields().row("state", "ACTIVE").row("valid until", null).render();

    assertThat(text).isEqualTo("state        ACTIVE\nvalid until  -\n");
  }

  @Test
  void row_withTheWrongNumberOfCells_isRefused() {
    Table table = Table.withHeader("A", "B");

    assertThatThrownBy(() -> table.row("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 2 cells");
  }

  @Test
  void isEmpty_untilARowIsAdded() {
    Table table = Table.withHeader("A");

    assertThat(table.isEmpty()).isTrue();
    assertThat(table.row("x").isEmpty()).isFalse();
  }
}
