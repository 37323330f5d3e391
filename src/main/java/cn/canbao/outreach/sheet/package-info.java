/**
 * The printable visit sheet (走访单, issue 20): a grid's residents with an open visit task, by household, with masked
 * IDs, boxes to tick by hand and a QR code per resident that opens their visit form — for workers who prefer paper.
 */
package cn.canbao.outreach.sheet;
