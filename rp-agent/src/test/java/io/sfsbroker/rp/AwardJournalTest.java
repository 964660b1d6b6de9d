package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwardJournalTest {

  @TempDir Path dir;

  @Test
  void anAwardWritten_isReadBackByANewJournal_withItsAmountsInOrder() {
    Map<String, Long> amounts = new LinkedHashMap<>();
    amounts.put("memory-mib", 64L);
    amounts.put("cpu-millicores", 100L);
    new AwardJournal(dir.resolve("awards")).write(new AwardJournal.Entry("s-1", "fog-1", amounts));

    AwardJournal reread = new AwardJournal(dir.resolve("awards"));

    assertThat(reread.entries()).hasSize(1);
    AwardJournal.Entry entry = reread.entries().get(0);
    assertThat(entry.sliceId()).isEqualTo("s-1");
    assertThat(entry.tenantId()).isEqualTo("fog-1");
    assertThat(entry.amounts())
        .containsExactly(Map.entry("memory-mib", 64L), Map.entry("cpu-millicores", 100L));
  }

  @Test
  void anAwardRemoved_isGone_andRemovingItAgainDoesNothing() {
    AwardJournal journal = new AwardJournal(dir);
    journal.write(new AwardJournal.Entry("s-1", null, Map.of("cpu-millicores", 100L)));
    journal.write(new AwardJournal.Entry("s-2", null, Map.of("cpu-millicores", 200L)));

    journal.remove("s-1");
    journal.remove("s-1");

    assertThat(journal.entries()).extracting(AwardJournal.Entry::sliceId).containsExactly("s-2");
  }

  @Test
  void aSliceIdThatIsNoFileName_isRefused_andNothingIsWritten() throws Exception {
    AwardJournal journal = new AwardJournal(dir);

    assertThatThrownBy(
            () -> journal.write(new AwardJournal.Entry("../s-1", null, Map.of("cpu", 1L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("../s-1");
    assertThat(journal.entries()).isEmpty();
    assertThat(Files.exists(dir.getParent().resolve("s-1.json"))).isFalse();
  }

  @Test
  void anUnreadableEntry_isLeftOut_andTheOthersAreRead() throws Exception {
    AwardJournal journal = new AwardJournal(dir);
    journal.write(new AwardJournal.Entry("s-2", null, Map.of("cpu-millicores", 200L)));
    Files.writeString(dir.resolve("s-1.json"), "{not json");

    assertThat(journal.entries()).extracting(AwardJournal.Entry::sliceId).containsExactly("s-2");
  }
}
