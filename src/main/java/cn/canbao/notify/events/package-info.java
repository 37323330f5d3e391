/** Leaders' notices from other modules' events: a bulletin published, and the townships below the expected line in it. */
package cn.canbao.notify.events;
