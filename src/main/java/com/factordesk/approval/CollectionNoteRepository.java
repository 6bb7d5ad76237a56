package com.factordesk.approval;

import org.springframework.data.jpa.repository.JpaRepository;

interface CollectionNoteRepository extends JpaRepository<CollectionNote, Long> {

}
