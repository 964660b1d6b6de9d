package io.sfsbroker.benchmarks.e2e;

/**
 * The steps of one slice request that the benchmark times, in the order they happen (docs/flow.md
 * numbers them); each is reached at a moment measured from the signing of the request.
 */
public enum Step {
  /** Step 2: the request is stored and its receipt is back at the fog node. */
  RECEIPT("receipt"),
  /** Step 7: the last offer for the blueprint is committed (its {@code OfferReceived} event). */
  OFFERS_IN("offers in"),
  /** Step 8: {@code closeAndSelect} is committed (its {@code SliceAwarded} event). */
  SELECTION_COMMITTED("selection committed"),
  /** Step 9: the {@code SliceAwarded} notice reaches the fog node over MQTT. */
  AWARD("award"),
  /** Step 10: the last part's confirmation is committed (the {@code SliceReady} event). */
  CONTAINERS_UP("containers up"),
  /** Step 11: the {@code SliceReady} notice reaches the fog node: the end of the request. */
  HANDOVER("handover");

  private final String label;

  Step(final String label) {
    this.label = label;
  }

  /** The step's name in tables and CSV headers. */
  public String label() {
    return label;
  }

  /** Every step's label, in order. */
  public static java.util.List<String> labels() {
    return java.util.Arrays.stream(values()).map(s -> s.label().replace(' ', '_') + "_ms").toList();
  }
}
