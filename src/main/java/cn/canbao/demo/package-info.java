/**
 * The demo county: Yongchun (永春县) with the 22 townships of its 2023 campaign plan, generated
 * villages and grids, and one user per role. On by default with the embedded database.
 */
package cn.canbao.demo;
