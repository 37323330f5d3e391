/**
 * Cadres and supervision (包村包组, 联合督导组): township cadres answer for villages and read exactly their progress;
 * a campaign's joint supervision team reads the whole county's progress while the team and the campaign last.
 */
package cn.canbao.supervision;
