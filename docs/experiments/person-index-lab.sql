drop table if exists person_lab, new_rows;
create table person_lab (
 id_number character(18) primary key, name varchar(60) not null, birth_date date not null, sex char(1) not null,
 household_region varchar(12), residence_region varchar(12), grid_code varchar(15), address varchar(200), mobile varchar(11),
 status varchar(10) not null default 'ACTIVE', status_date date, not_enrolled_reason varchar(24), sms_opt_out boolean not null default false,
 file_number varchar(32), file_type varchar(16), file_marker varchar(16), created_import bigint,
 created_at timestamptz not null default now(), updated_at timestamptz not null default now(), mother_id_number char(18),
 household_number varchar(20), household_relation varchar(20));
create or replace function lab_rows(county int, n int) returns table (id_number char(18), name varchar, birth_date date, sex char(1), household_region varchar, residence_region varchar, grid_code varchar, address varchar, mobile varchar, file_number varchar, household_number varchar) language sql as $$
 select (c || to_char(b, 'YYYYMMDD') || lpad((i % 1000)::text, 3, '0') || (i % 10))::char(18),
   substr(s, 1 + (random()*400)::int, 1) || substr(s, 1 + (random()*400)::int, 1) || case when random() < 0.7 then substr(s, 1 + (random()*400)::int, 1) else '' end,
   b, case when i % 2 = 0 then 'F' else 'M' end,
   c || lpad((1 + (i / 50000) % 20)::text, 3, '0') || lpad((1 + (i / 1500) % 30)::text, 3, '0'),
   case when random() < 0.05 then '350583001001' else c || lpad((1 + (i / 50000) % 20)::text, 3, '0') || lpad((1 + (i / 1500) % 30)::text, 3, '0') end,
   c || lpad((1 + (i / 50000) % 20)::text, 3, '0') || lpad((1 + (i / 1500) % 30)::text, 3, '0') || lpad((1 + (i/300) % 5)::text, 3, '0'),
   '某某村' || (i % 500) || '号',
   case when random() < 0.7 then '13' || lpad((random()*999999999)::bigint::text, 9, '0') end,
   'F' || c || lpad(i::text, 9, '0'),
   case when random() < 0.9 then lpad((i / 4)::text, 8, '0') end
 from (select i, (350000 + county * 100 + 25)::text as c, date '1940-01-01' + (i / 1000)::int as b,
       '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从知加已想本正意动已全民安所系二农女明那样给放物体月当并问外气义四关点使高实万两外张里王李陈刘杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝建国秀兰丽华芳敏静伟强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍红梅春生福荣志平海' as s
       from generate_series(1, n) i) x;
$$;

-- How the table was filled and timed (2026-12-06; the figures are in docs/scale.md, "What the person indexes cost"):
--   insert into person_lab (id_number, name, birth_date, sex, household_region, residence_region, grid_code, address,
--       mobile, file_number, household_number)
--     select * from lab_rows(1, 578000) union all ... lab_rows(5, 578000);      -- 2.89 M rows, five counties
--   create table new_rows as select * from lab_rows(6, 578000) order by random(); -- the sixth county's new files
--   then person's twelve indexes as the migrations define them (V4, V5, V37, V44, V62), vacuum analyze, and per variant:
--   begin; <drop/alter/create indexes>; insert into person_lab (...) select * from new_rows order by id_number; rollback;
