package io.sfsbroker.market.selection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The paper's Table 1: for every RP (rows, sorted by id) and every blueprint category (columns, in
 * the blueprint's order) the equilibrium unit price, the tenant's equilibrium demand and the RP's
 * profit. Immutable; cells are stored in flat arrays so that 2,048 RPs × 512 categories stay cheap.
 *
 * <p>{@link #digest()} is the SHA-256 of a canonical byte form described in {@code
 * docs/selection.md}, so a chaincode can store only the digest and serve the table separately.
 */
public final class EquilibriumTable {

  /** The digest format of tables selected before row digests ({@link #legacyDigest()}). */
  private static final String FORMAT_V3 = "sfsbroker/selection-table/v3";

  /** The current digest format: the blueprint, then each row's id and row digest. */
  private static final String FORMAT = "sfsbroker/selection-table/v4";

  /** The version of {@link #digest()}'s format, recorded beside every digest stored. */
  public static final int DIGEST_VERSION = 4;

  private final String strategy;
  private final SliceBlueprint blueprint;
  private final List<String> rpIds;
  private final byte[] states;
  private final long[] unitPrices;
  private final long[] demands;
  private final long[] profits;
  private final String digest;

  private EquilibriumTable(Builder builder) {
    this.strategy = builder.strategy;
    this.blueprint = builder.blueprint;
    this.rpIds = builder.rpIds;
    this.states = builder.states;
    this.unitPrices = builder.unitPrices;
    this.demands = builder.demands;
    this.profits = builder.profits;
    this.digest = computeDigest();
  }

  /** The name of the strategy that filled the table. */
  public String strategy() {
    return strategy;
  }

  /** The blueprint the table answers. */
  public SliceBlueprint blueprint() {
    return blueprint;
  }

  /** The RPs, one per row, sorted by id ({@link String#compareTo}). */
  public List<String> rpIds() {
    return rpIds;
  }

  /** The number of rows. */
  public int rpCount() {
    return rpIds.size();
  }

  /** The number of columns: the blueprint's categories. */
  public int categoryCount() {
    return blueprint.categories().size();
  }

  /**
   * The cell of row {@code rpIndex} and column {@code categoryIndex}.
   *
   * @throws IndexOutOfBoundsException if either index is out of range
   */
  public EquilibriumCell cell(int rpIndex, int categoryIndex) {
    Objects.checkIndex(rpIndex, rpCount());
    Objects.checkIndex(categoryIndex, categoryCount());
    int at = rpIndex * categoryCount() + categoryIndex;
    return new EquilibriumCell(
        rpIds.get(rpIndex),
        blueprint.categories().get(categoryIndex).category(),
        CellState.ofCode(states[at]),
        unitPrices[at],
        demands[at],
        profits[at]);
  }

  /** The cell of RP {@code rpId} in {@code category}, if both are in the table. */
  public Optional<EquilibriumCell> cell(String rpId, String category) {
    int row = Collections.binarySearch(rpIds, rpId);
    if (row < 0) {
      return Optional.empty();
    }
    List<CategoryRequest> categories = blueprint.categories();
    for (int column = 0; column < categories.size(); column++) {
      if (categories.get(column).category().equals(category)) {
        return Optional.of(cell(row, column));
      }
    }
    return Optional.empty();
  }

  /**
   * The SHA-256 of the table's canonical bytes (format v4: the blueprint, then per row its RP id
   * and {@link #rowDigest row digest}), as 64 lower-case hex digits.
   */
  public String digest() {
    return digest;
  }

  /**
   * The SHA-256 of row {@code rpIndex}'s cells in column order, 25 bytes each: {@code int8 state,
   * int64 unitPrice, int64 demand, int64 profit}. A row depends on its own offer and the blueprint
   * only, so it can be computed when the offer arrives.
   *
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public byte[] rowDigest(int rpIndex) {
    Objects.checkIndex(rpIndex, rpCount());
    MessageDigest sha = sha256();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    int from = rpIndex * categoryCount();
    for (int at = from; at < from + categoryCount(); at++) {
      ensure(sha, buffer, 1 + 3 * Long.BYTES);
      buffer.put(states[at]).putLong(unitPrices[at]).putLong(demands[at]).putLong(profits[at]);
    }
    flush(sha, buffer);
    return sha.digest();
  }

  /**
   * The digest in the format of selections recorded before row digests (v3: every cell in one
   * sequence), to check a table against a record that stores one.
   */
  public String legacyDigest() {
    MessageDigest sha = sha256();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16); // big-endian
    putHeader(sha, buffer, FORMAT_V3, strategy, blueprint);
    ensure(sha, buffer, Integer.BYTES);
    buffer.putInt(rpCount());
    for (String rpId : rpIds) {
      putString(sha, buffer, rpId);
    }
    for (int at = 0; at < states.length; at++) {
      ensure(sha, buffer, 1 + 3 * Long.BYTES);
      buffer.put(states[at]).putLong(unitPrices[at]).putLong(demands[at]).putLong(profits[at]);
    }
    flush(sha, buffer);
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * The table digest ({@link #digest()}) of a table whose rows are known only by their digests:
   * {@code rpIds} sorted, {@code rowDigests} in the same order.
   *
   * @throws IllegalArgumentException if the lists differ in length, the ids are not sorted and
   *     unique, or a row digest is not 32 bytes
   */
  public static String digestOfRows(
      String strategy, SliceBlueprint blueprint, List<String> rpIds, List<byte[]> rowDigests) {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(blueprint, "blueprint");
    if (rpIds.size() != rowDigests.size()) {
      throw new IllegalArgumentException(
          rpIds.size() + " RP ids but " + rowDigests.size() + " row digests");
    }
    MessageDigest sha = sha256();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16); // big-endian
    putHeader(sha, buffer, FORMAT, strategy, blueprint);
    ensure(sha, buffer, Integer.BYTES);
    buffer.putInt(rpIds.size());
    for (int row = 0; row < rpIds.size(); row++) {
      if (row > 0 && rpIds.get(row - 1).compareTo(rpIds.get(row)) >= 0) {
        throw new IllegalArgumentException("RP ids must be sorted and unique: " + rpIds.get(row));
      }
      byte[] rowDigest = rowDigests.get(row);
      if (rowDigest.length != 32) {
        throw new IllegalArgumentException("a row digest is 32 bytes, not " + rowDigest.length);
      }
      putString(sha, buffer, rpIds.get(row));
      ensure(sha, buffer, rowDigest.length);
      buffer.put(rowDigest);
    }
    flush(sha, buffer);
    return HexFormat.of().formatHex(sha.digest());
  }

  // Package-private fast accessors for the slice formation, which visits every cell.

  boolean isPriced(int rpIndex, int categoryIndex) {
    return states[rpIndex * categoryCount() + categoryIndex] == CellState.PRICED.code();
  }

  long unitPrice(int rpIndex, int categoryIndex) {
    return unitPrices[rpIndex * categoryCount() + categoryIndex];
  }

  long demand(int rpIndex, int categoryIndex) {
    return demands[rpIndex * categoryCount() + categoryIndex];
  }

  private String computeDigest() {
    List<byte[]> rows = new ArrayList<>(rpCount());
    for (int row = 0; row < rpCount(); row++) {
      rows.add(rowDigest(row));
    }
    return digestOfRows(strategy, blueprint, rpIds, rows);
  }

  private static void putHeader(
      MessageDigest sha,
      ByteBuffer buffer,
      String format,
      String strategy,
      SliceBlueprint blueprint) {
    putString(sha, buffer, format);
    putString(sha, buffer, strategy);
    putString(sha, buffer, blueprint.id());
    ensure(sha, buffer, Integer.BYTES);
    buffer.putInt(blueprint.categories().size());
    for (CategoryRequest request : blueprint.categories()) {
      putString(sha, buffer, request.category());
      ensure(sha, buffer, 4 * Long.BYTES);
      buffer
          .putLong(request.amount())
          .putLong(request.maxAmount())
          .putLong(request.maxUnitPrice())
          .putLong(request.budget());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  private static void putString(MessageDigest sha, ByteBuffer buffer, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    ensure(sha, buffer, Integer.BYTES);
    buffer.putInt(bytes.length);
    flush(sha, buffer);
    sha.update(bytes);
  }

  private static void ensure(MessageDigest sha, ByteBuffer buffer, int bytes) {
    if (buffer.remaining() < bytes) {
      flush(sha, buffer);
    }
  }

  private static void flush(MessageDigest sha, ByteBuffer buffer) {
    sha.update(buffer.array(), 0, buffer.position());
    buffer.clear();
  }

  /** Equal when strategy, blueprint, rows and every cell are equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof EquilibriumTable that
        && strategy.equals(that.strategy)
        && blueprint.equals(that.blueprint)
        && rpIds.equals(that.rpIds)
        && Arrays.equals(states, that.states)
        && Arrays.equals(unitPrices, that.unitPrices)
        && Arrays.equals(demands, that.demands)
        && Arrays.equals(profits, that.profits);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  /** A one-line summary; the cells are too many to print. */
  @Override
  public String toString() {
    return "EquilibriumTable[strategy="
        + strategy
        + ", blueprint="
        + blueprint.id()
        + ", rps="
        + rpCount()
        + ", categories="
        + categoryCount()
        + ", digest="
        + digest
        + "]";
  }

  /** Fills a table cell by cell; every cell starts as {@link CellState#NOT_OFFERED}. */
  static final class Builder {
    private final String strategy;
    private final SliceBlueprint blueprint;
    private final List<String> rpIds;
    private final int columns;
    private byte[] states;
    private long[] unitPrices;
    private long[] demands;
    private long[] profits;

    Builder(String strategy, SliceBlueprint blueprint, List<String> sortedRpIds) {
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      this.blueprint = Objects.requireNonNull(blueprint, "blueprint");
      this.rpIds = List.copyOf(sortedRpIds);
      this.columns = blueprint.categories().size();
      int cells = Math.multiplyExact(rpIds.size(), columns);
      this.states = new byte[cells];
      this.unitPrices = new long[cells];
      this.demands = new long[cells];
      this.profits = new long[cells];
    }

    void unpriced(int rpIndex, int categoryIndex, CellState state) {
      states[rpIndex * columns + categoryIndex] = state.code();
    }

    void priced(int rpIndex, int categoryIndex, long unitPrice, long demand, long profit) {
      int at = rpIndex * columns + categoryIndex;
      states[at] = CellState.PRICED.code();
      unitPrices[at] = unitPrice;
      demands[at] = demand;
      profits[at] = profit;
    }

    EquilibriumTable build() {
      EquilibriumTable table = new EquilibriumTable(this);
      states = null; // the table owns the arrays now
      unitPrices = null;
      demands = null;
      profits = null;
      return table;
    }
  }
}
