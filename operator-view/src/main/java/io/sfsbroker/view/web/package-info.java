/** The web layer: server, page handler, Server-Sent Events, HTML and SVG helpers. */
package io.sfsbroker.view.web;
