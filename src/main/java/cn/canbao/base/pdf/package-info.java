/** What every printed document shares: the CJK font embedded in the PDFs (bulletins, visit sheets). */
package cn.canbao.base.pdf;
