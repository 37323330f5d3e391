/**
 * The administrative hierarchy (province → city → county → township → village → grid) with
 * statistical division codes, subtree scoping and the region browser.
 */
package cn.canbao.region;
