/**
 * Reading the data extracts of other departments (CSV in UTF-8 or GBK, or XLSX) row by row, without
 * holding a file in memory; what the columns mean is the importer's business.
 */
package cn.canbao.register.extract;
