/** Escalation of lagging townships: the DMN rule, and cases of summons (约谈) and rectification (限期整改). */
package cn.canbao.escalation;
