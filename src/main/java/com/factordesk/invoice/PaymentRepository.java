package com.factordesk.invoice;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PaymentRepository extends JpaRepository<Payment, Long> {

	/**
	 * Which of these bank line fingerprints are receipts already.
	 */
	@Query("select p.fingerprint from Payment p where p.fingerprint in :fingerprints")
	Set<String> findFingerprintsIn(Collection<String> fingerprints);

	/**
	 * The latest receipt from this account whose payer is known: who pays from it.
	 */
	Optional<Payment> findFirstByIbanAndDebtorIsNotNullOrderByReceivedOnDescIdDesc(String iban);

}
