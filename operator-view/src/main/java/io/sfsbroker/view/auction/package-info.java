/** The DDRA auctions round by round, with a convergence plot. */
package io.sfsbroker.view.auction;
