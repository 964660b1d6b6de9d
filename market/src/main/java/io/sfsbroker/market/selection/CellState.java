package io.sfsbroker.market.selection;

/** Whether and why an RP can or cannot serve a category; one per cell of the equilibrium table. */
public enum CellState {
  /** The RP made no offer for the category. */
  NOT_OFFERED((byte) 0),
  /** The RP offered less than the blueprint requires. */
  INSUFFICIENT_AMOUNT((byte) 1),
  /**
   * The RP cannot sell at or below the tenant's maximum unit price: its reserve is above it
   * (Stackelberg), or its ask is (lowest offer).
   */
  ABOVE_MAX_PRICE((byte) 2),
  /** The cell holds an equilibrium unit price, demand and profit. */
  PRICED((byte) 3),
  /**
   * The model has no equilibrium for the cell: in the proportional-share game of {@link
   * ProportionalShareSelection}, a category that is the only one an RP can serve has no best
   * response ({@code P − v·u} has no maximiser with {@code u > 0}).
   */
  NO_EQUILIBRIUM((byte) 4);

  private final byte code;

  CellState(byte code) {
    this.code = code;
  }

  /** The stable code written into the table digest; never reuse or renumber. */
  public byte code() {
    return code;
  }

  static CellState ofCode(byte code) {
    for (CellState state : values()) {
      if (state.code == code) {
        return state;
      }
    }
    throw new IllegalArgumentException("no cell state with code " + code);
  }
}
