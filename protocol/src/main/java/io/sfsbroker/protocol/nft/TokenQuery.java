package io.sfsbroker.protocol.nft;

/**
 * The argument of {@code nft:listByOwner}.
 *
 * @param owner the owning account
 * @param pageSize 1 to 200; 50 when absent
 * @param bookmark the previous page's bookmark; empty or absent for the first page
 */
public record TokenQuery(String owner, Integer pageSize, String bookmark) {

  /** Returns the page size, 50 when absent. */
  public int pageSizeOrDefault() {
    return pageSize == null ? 50 : pageSize;
  }
}
