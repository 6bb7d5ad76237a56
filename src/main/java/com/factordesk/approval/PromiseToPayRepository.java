package com.factordesk.approval;

import org.springframework.data.jpa.repository.JpaRepository;

interface PromiseToPayRepository extends JpaRepository<PromiseToPay, Long> {

}
