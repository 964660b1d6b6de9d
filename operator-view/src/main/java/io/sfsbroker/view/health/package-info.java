/**
 * Network health read from the orderers' participation API and metrics, the peers' metrics and the
 * broker's pid files and ports; the health page.
 */
package io.sfsbroker.view.health;
