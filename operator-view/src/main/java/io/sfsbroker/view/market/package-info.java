/** The slice market pages: slices (paged), and one slice from request to service. */
package io.sfsbroker.view.market;
