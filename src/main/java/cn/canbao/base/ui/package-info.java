/** The application shell (main layout, navigation, language switch) and small shared UI parts. */
package cn.canbao.base.ui;
