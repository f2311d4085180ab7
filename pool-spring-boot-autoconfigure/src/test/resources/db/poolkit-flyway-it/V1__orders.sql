create table orders (id int primary key, item text not null);
insert into orders (id, item) values (1, 'migrated through the pool');
