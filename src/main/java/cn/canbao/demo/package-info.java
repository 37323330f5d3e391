/**
 * The demo county: Yongchun (永春县) with the 22 townships of its 2023 campaign plan, generated
 * villages and grids, one user per role, and a seeded synthetic register written as the five
 * department extracts ({@link cn.canbao.demo.synthetic.SyntheticCounty}). On by default with the embedded database.
 */
package cn.canbao.demo;
