-- The Yancheng pilot's file fields (seeds/yancheng-one-person-one-file-pilot.txt, 实施步骤 4: "未参保的要素内容主要包括
-- 档案编号、档案类型、居住地址、手机号码、未参保原因、建档标识等"), written for every file. The pilot names them, not
-- their values, so Canbao defines them (README, "The register"):
--   file_number 档案编号: <prefix, canbao.register.file.number-prefix, default DA><household county, 6 digits>
--                         <year the file was made, 4 digits><sequence, 8 digits>, e.g. DA350525202600000001; given
--                         once and kept for life (a move or a later extract never renumbers: one person, one file)
--   file_type   档案类型: how the person came onto the register: HOUSEHOLD (户籍在册), NEWBORN (出生登记),
--                         MOVED_IN (迁入)
--   file_marker 建档标识: what the file was built from: POLICE (公安户籍比对), CERTIFICATE (凭出生医学证明,
--                         joined to a health-commission certificate)
create sequence person_file_number_seq;

update person set
    file_number = 'DA' || left(coalesce(household_region, residence_region, '000000'), 6)
                  || to_char(created_at at time zone 'Asia/Shanghai', 'YYYY')
                  || lpad(nextval('person_file_number_seq')::text, 8, '0'),
    file_type = case when mother_id_number is not null then 'NEWBORN' else 'HOUSEHOLD' end,
    file_marker = 'POLICE'
where file_number is null;

update person p set file_marker = 'CERTIFICATE' from birth_certificate c where c.id_number = p.id_number;

-- unique by the sequence; a plain index (a first county import drops and rebuilds it once instead of checking per row)
create index person_file_number on person (file_number);
alter table person add constraint person_file_type check (file_type in ('HOUSEHOLD', 'NEWBORN', 'MOVED_IN'));
alter table person add constraint person_file_marker check (file_marker in ('POLICE', 'CERTIFICATE'));
