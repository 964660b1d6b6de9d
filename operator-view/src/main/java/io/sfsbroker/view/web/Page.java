package io.sfsbroker.view.web;

/**
 * One page of the view: renders its {@code <main>} content for a request. There is one
 * implementation per page, in the page's feature package.
 */
public interface Page {

  /** What {@link #render} returns for a page that no event refreshes. */
  String STATIC = "#static";

  /** The page's path ({@code /slices}). */
  String path();

  /** Its title, for the tab and the navigation. */
  String title();

  /**
   * Renders the page's content into {@code out}.
   *
   * @return the text that ledger events must contain for the page to refresh itself ({@code ""}:
   *     any event)
   * @throws IllegalArgumentException for a request that does not fit (answered 400)
   */
  String render(PageQuery query, Html out);

  /** Whether the navigation links to it (detail pages are reached from lists). */
  default boolean inNavigation() {
    return true;
  }
}
