-- CreateIndex
CREATE INDEX "QboCustomerLink_qboConnectionId_displayName_idx" ON "QboCustomerLink"("qboConnectionId", "displayName");
