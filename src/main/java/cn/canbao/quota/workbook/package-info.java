/** Targets as an Excel workbook: writing the sheet a county fills in and reading it back, with cell-level errors. */
package cn.canbao.quota.workbook;
