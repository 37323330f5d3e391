/**
 * The September publicity drive (每年9月集中宣传): a campaign template in which volunteers, cadres and
 * township leaders log publicity activities with their counts, rolled up to township and county.
 */
package cn.canbao.publicity;
