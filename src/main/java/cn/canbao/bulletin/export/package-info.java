/** A bulletin as PDF and Excel downloads (fonts, layout, workbook). */
package cn.canbao.bulletin.export;
