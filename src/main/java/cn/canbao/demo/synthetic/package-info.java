/**
 * Synthetic counties and a province (people, schools, extract files) generated to match the Yongchun table, for
 * the demo and the benchmarks.
 */
package cn.canbao.demo.synthetic;
