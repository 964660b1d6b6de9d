package io.sfsbroker.view.web;

import java.util.List;

/**
 * The frame around every page: navigation, a little CSS, and the few lines of JavaScript that keep
 * it live. The script opens {@code /events} after the checkpoint the page was rendered at (a reload
 * resumes exactly there; a reconnect sends {@code Last-Event-ID}), lists each ledger event as it
 * arrives, and re-fetches the page's {@code <main>} when an event concerns it.
 */
public final class Layout {

  private static final String CSS =
      "body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}"
          + "nav{background:#1d2b45;padding:8px 16px}nav a{color:#dfe7f5;margin-right:14px;"
          + "text-decoration:none}nav a.on{color:#fff;font-weight:600}"
          + "nav .brand{color:#8fd3ff;font-weight:700;margin-right:24px}"
          + ".wrap{display:flex;gap:16px;padding:12px 16px}main{flex:1;min-width:0;overflow-x:auto}"
          + "aside{flex:0 0 260px;font-size:12px;overflow:hidden}aside li{margin:2px 0;word-break:break-all}"
          + "table{border-collapse:collapse;background:#fff;margin:6px 0 14px;font-size:13px}"
          + "th,td{border:1px solid #d6dae1;padding:3px 8px;text-align:left;vertical-align:top}"
          + "th{background:#eef1f5}h1{font-size:20px;margin:4px 0 10px}h2{font-size:16px;"
          + "margin:14px 0 4px}.badge,.state{padding:1px 6px;border-radius:8px;font-size:12px;"
          + "color:#fff;background:#7a8599}.ok{background:#2e8b57}.bad{background:#c0392b}"
          + ".s-IN_SERVICE,.s-ACTIVE,.s-VALID,.s-SELECTED,.s-SETTLED,.s-RELEASED{background:#2e8b57}"
          + ".s-AWARDED,.s-OFFERING,.s-OPEN,.s-LOCKED{background:#d68910}"
          + ".s-FAILED,.s-TIMED_OUT,.s-REFUNDED{background:#c0392b}"
          + ".muted{color:#6b7280}.pager a{margin-right:12px}svg{background:#fff;"
          + "border:1px solid #d6dae1;margin:4px 0}code{font-size:12px}";

  private static final String SCRIPT =
      "(function(){var m=document.querySelector('main'),w=m.dataset.watch||'',"
          + "a=m.dataset.checkpoint||'',l=document.getElementById('live'),busy=false,again=false;"
          + "var s=new EventSource('/events'+(a?'?after='+encodeURIComponent(a):''));"
          + "function refresh(){if(busy){again=true;return;}busy=true;fetch(location.href,"
          + "{headers:{'X-Fragment':'main'}}).then(function(r){return r.text();})"
          + ".then(function(t){m.innerHTML=t;}).finally(function(){busy=false;"
          + "if(again){again=false;refresh();}});}"
          + "s.addEventListener('ledger',function(e){var li=document.createElement('li');"
          + "var d=JSON.parse(e.data);li.textContent=d.block+' '+d.name+' '+(d.subject||'');"
          + "l.insertBefore(li,l.firstChild);while(l.children.length>15)l.removeChild(l.lastChild);"
          + "document.body.dataset.lastEvent=e.lastEventId;"
          + "if(w!=='#static'&&(!w||e.data.indexOf(w)>=0))refresh();});"
          + "s.addEventListener('reset',function(){location.reload();});})();";

  private Layout() {}

  /**
   * The whole page around {@code main}.
   *
   * @param pages the pages, for the navigation
   * @param current the page shown
   * @param main its rendered content
   * @param watch the text an event must contain to refresh it ({@code ""}: any)
   * @param checkpoint the id of the newest event when it was rendered ({@code ""}: none yet)
   */
  public static String page(
      final List<Page> pages,
      final Page current,
      final String main,
      final String watch,
      final String checkpoint) {
    Html out = new Html();
    out.raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>")
        .text(current.title() + " · SFSBroker")
        .raw("</title><style>" + CSS + "</style></head><body><nav>")
        .raw("<span class=\"brand\">SFSBroker</span>");
    for (Page page : pages) {
      if (!page.inNavigation()) {
        continue;
      }
      out.raw("<a href=\"" + page.path() + "\"" + (page == current ? " class=\"on\"" : "") + ">")
          .text(page.title())
          .raw("</a>");
    }
    out.raw("</nav><div class=\"wrap\"><main data-watch=\"")
        .text(watch)
        .raw("\" data-checkpoint=\"")
        .text(checkpoint)
        .raw("\">")
        .raw(main)
        .raw("</main><aside><h2>Live ledger events</h2><ul id=\"live\"></ul>")
        .raw("<p class=\"muted\">Events since this page was rendered, newest first.</p>")
        .raw("</aside></div><script>" + SCRIPT + "</script></body></html>");
    return out.toString();
  }
}
