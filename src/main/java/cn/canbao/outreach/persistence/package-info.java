/** Outreach's part of a region merge: open cases follow the merged region. */
package cn.canbao.outreach.persistence;
