/** School enrollment units and their rolls, with the school list workbook. */
package cn.canbao.register.schools;
