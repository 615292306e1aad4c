-- One database per service (the gateway has none); run once by the postgres image on first start.
CREATE DATABASE auth;
CREATE DATABASE assistant;
CREATE DATABASE booking;
CREATE DATABASE billing;
CREATE DATABASE voice_bridge;
CREATE DATABASE rag;
