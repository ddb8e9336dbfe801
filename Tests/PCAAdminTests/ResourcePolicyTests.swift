import Foundation
import PCAAdmin
import XCTest

/// The resource policy's edits: the documented statements added or removed, every other statement kept byte
/// for byte (its spacing, member order, escapes and neighbours' separators included).
final class ResourcePolicyTests: XCTestCase {
    let arn = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11223344-1234-1122-2233-112233445566"
    let partner = SharingPrincipal.account("555566667777")
    let org = SharingPrincipal.organization("o-exampleorg1")

    /// Someone else's statements, written with odd spacing, a member order of their own, escapes and a Unicode Sid.
    let foreignA = #"{ "Effect" : "Allow","Sid":"Audit\u0020Team ✓",  "Principal":{"AWS":["arn:aws:iam::999988887777:role/audit"]}, "Action":"acm-pca:DescribeCertificateAuthority","Resource":"*"}"#
    let foreignB = "{\n      \"Sid\": \"ACMRenewal\",\n      \"Effect\": \"Allow\",\n      \"Principal\": {\"Service\": \"acm.amazonaws.com\"},\n      \"Action\": [\"acm-pca:GetCertificate\"],\n      \"Resource\": \"*\"\n    }"

    func pretty(_ statements: [String]) -> String {
        "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"keep-me\",\n  \"Statement\": [\n    " + statements.joined(separator: ",\n    ") + "\n  ]\n}\n"
    }

    func testTheDocumentedStatementsForAnAccount() throws {
        let statements = SharingGrant(principal: partner, issue: true).statements(caArn: arn)
        XCTAssertEqual(statements, [
            #"{"Sid":"Share555566667777Read","Effect":"Allow","Principal":{"AWS":"555566667777"},"Action":["acm-pca:DescribeCertificateAuthority","acm-pca:GetCertificate","acm-pca:GetCertificateAuthorityCertificate","acm-pca:ListPermissions","acm-pca:ListTags"],"Resource":"\#(arn)"}"#,
            #"{"Sid":"Share555566667777Issue","Effect":"Allow","Principal":{"AWS":"555566667777"},"Action":"acm-pca:IssueCertificate","Resource":"\#(arn)","Condition":{"StringEquals":{"acm-pca:TemplateArn":"arn:aws:acm-pca:::template/EndEntityCertificate/V1"}}}"#,
        ])
        XCTAssertEqual(SharingGrant(principal: partner, issue: false).statements(caArn: arn).count, 1, "read only without --issue")
    }

    func testTheDocumentedStatementsForAnOrganization() throws {
        let statements = SharingGrant(principal: org, issue: true).statements(caArn: arn)
        XCTAssertEqual(statements[0], #"{"Sid":"ShareOrgoexampleorg1Read","Effect":"Allow","Principal":"*","Action":["acm-pca:DescribeCertificateAuthority","acm-pca:GetCertificate","acm-pca:GetCertificateAuthorityCertificate","acm-pca:ListPermissions","acm-pca:ListTags"],"Resource":"\#(arn)","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-exampleorg1"}}}"#)
        XCTAssertTrue(statements[1].contains(#""Condition":{"StringEquals":{"acm-pca:TemplateArn":"arn:aws:acm-pca:::template/EndEntityCertificate/V1","aws:PrincipalOrgID":"o-exampleorg1"}}"#))
        let summary = PolicySummary(try ResourcePolicy(text: ResourcePolicy.text(statements: statements)))
        XCTAssertEqual(summary.principals, [.organization("o-exampleorg1")])
        XCTAssertEqual(summary.lines, ["organization o-exampleorg1: DescribeCertificateAuthority, GetCertificate, "
                                       + "GetCertificateAuthorityCertificate, ListPermissions, ListTags; IssueCertificate "
                                       + "(when acm-pca:TemplateArn StringEquals arn:aws:acm-pca:::template/EndEntityCertificate/V1)"])
    }

    func testShareWithoutAPolicyWritesANewOne() throws {
        let (edit, notes) = try PolicyEdit.share(SharingGrant(principal: partner, issue: true), caArn: arn, current: nil)
        guard case let .put(text) = edit else { return XCTFail("\(edit)") }
        XCTAssertEqual(try ResourcePolicy(text: text).statements.map(\.text), SharingGrant(principal: partner, issue: true).statements(caArn: arn))
        XCTAssertTrue(text.contains(#""Version": "2012-10-17""#))
        XCTAssertEqual(notes, [])
    }

    func testShareKeepsForeignStatementsByteForByte() throws {
        let before = pretty([foreignA, foreignB])
        let (edit, _) = try PolicyEdit.share(SharingGrant(principal: partner, issue: true), caArn: arn, current: before)
        guard case let .put(after) = edit else { return XCTFail("\(edit)") }
        let ours = SharingGrant(principal: partner, issue: true).statements(caArn: arn)
        XCTAssertEqual(after, pretty([foreignA, foreignB] + ours), "appended with the policy's own separator; nothing else moves")
        XCTAssertTrue(after.hasPrefix("{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"keep-me\","), "members around Statement untouched")
        XCTAssertEqual(PolicyEdit.diff(before: before, after: after), ours.map { "+ " + $0 } + ["  2 other statements kept byte for byte"])
    }

    func testShareAgainIsNothingAndChangingIssueReplacesOnlyOurs() throws {
        let shared = pretty([foreignA] + SharingGrant(principal: partner, issue: true).statements(caArn: arn) + [foreignB])
        XCTAssertEqual(try PolicyEdit.share(SharingGrant(principal: partner, issue: true), caArn: arn, current: shared).edit, .nothing)
        let (edit, _) = try PolicyEdit.share(SharingGrant(principal: partner, issue: false), caArn: arn, current: shared)
        guard case let .put(after) = edit else { return XCTFail("\(edit)") }
        XCTAssertEqual(after, pretty([foreignA, foreignB] + SharingGrant(principal: partner, issue: false).statements(caArn: arn)))
    }

    func testAForeignStatementThatAlreadyGrantsTheSameIsNothingWithANote() throws {
        let foreign = #"{"Sid":"Theirs","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::555566667777:root"},"Action":["acm-pca:DescribeCertificateAuthority","acm-pca:GetCertificate","acm-pca:GetCertificateAuthorityCertificate","acm-pca:ListPermissions","acm-pca:ListTags"],"Resource":"\#(arn)"}"#
        let (edit, notes) = try PolicyEdit.share(SharingGrant(principal: partner, issue: false), caArn: arn, current: pretty([foreign]))
        XCTAssertEqual(edit, .nothing, "the account's root ARN and its id are one principal")
        XCTAssertEqual(notes, ["Statement 'Theirs' of this policy also names account 555566667777 and is kept as written"])
    }

    func testUnshareRemovesOnlyThatPrincipalsStatements() throws {
        let otherAccount = SharingGrant(principal: .account("444455556666"), issue: true).statements(caArn: arn)
        let before = pretty([foreignA] + SharingGrant(principal: partner, issue: true).statements(caArn: arn) + otherAccount + [foreignB])
        let (edit, notes) = try PolicyEdit.unshare(partner, current: before)
        XCTAssertEqual(edit, .put(pretty([foreignA] + otherAccount + [foreignB])))
        XCTAssertEqual(notes, [])
    }

    func testUnshareNeverRemovesADenyItWouldTurnIntoAccess() throws {
        let allowBoth = #"{"Sid":"PartnersIssue","Effect":"Allow","Principal":{"AWS":["555566667777","666677778888"]},"Action":"acm-pca:IssueCertificate","Resource":"*"}"#
        let denyPartner = #"{"Sid":"DenyPartnerAIssue","Effect":"Deny","Principal":{"AWS":"555566667777"},"Action":"acm-pca:IssueCertificate","Resource":"*"}"#
        let (edit, _) = try PolicyEdit.unshare(partner, current: pretty([allowBoth, denyPartner]))
        XCTAssertEqual(edit, .nothing, "the Deny stays: removing it would let the partner issue")
    }

    func testUnshareOfTheLastStatementsDeletesThePolicy() throws {
        let before = ResourcePolicy.text(statements: SharingGrant(principal: org, issue: true).statements(caArn: arn))
        XCTAssertEqual(try PolicyEdit.unshare(org, current: before).edit, .delete)
        XCTAssertEqual(try PolicyEdit.unshare(partner, current: before).edit, .nothing, "another principal: nothing")
        XCTAssertEqual(try PolicyEdit.unshare(partner, current: nil).edit, .nothing, "no policy: nothing")
    }

    func testUnshareLeavesAStatementNamingOthersTooAndSaysSo() throws {
        let mixed = #"{"Sid":"Both","Effect":"Allow","Principal":{"AWS":["555566667777","444455556666"]},"Action":"acm-pca:GetCertificate","Resource":"*"}"#
        let (edit, notes) = try PolicyEdit.unshare(partner, current: pretty([mixed, foreignB]))
        XCTAssertEqual(edit, .nothing)
        XCTAssertEqual(notes.count, 1)
        XCTAssertTrue(notes[0].contains("'Both'"), notes[0])
    }

    func testCompactPoliciesAndASingleStatementObjectKeepTheirBytes() throws {
        let compact = #"{"Version":"2012-10-17","Statement":[\#(foreignA),\#(foreignB)]}"#
        let grant = SharingGrant(principal: partner, issue: false)
        guard case let .put(after) = try PolicyEdit.share(grant, caArn: arn, current: compact).edit else { return XCTFail() }
        XCTAssertEqual(after, #"{"Version":"2012-10-17","Statement":[\#(foreignA),\#(foreignB),\#(grant.statements(caArn: arn)[0])]}"#)
        XCTAssertEqual(try PolicyEdit.unshare(partner, current: after).edit, .put(compact), "and removing it gives back the bytes")

        let single = #"{"Statement": \#(foreignA), "Version":"2012-10-17"}"#
        guard case let .put(wrapped) = try PolicyEdit.share(grant, caArn: arn, current: single).edit else { return XCTFail() }
        XCTAssertEqual(wrapped, #"{"Statement": [\#(foreignA),\#(grant.statements(caArn: arn)[0])], "Version":"2012-10-17"}"#)
    }

    func testAPolicyThatCannotBeEditedSafelyIsAnError() {
        XCTAssertThrowsError(try PolicyEdit.share(SharingGrant(principal: partner, issue: false), caArn: arn, current: "not json"))
        XCTAssertThrowsError(try PolicyEdit.unshare(partner, current: #"{"Version":"2012-10-17"}"#))
        XCTAssertThrowsError(try PolicyEdit.unshare(partner, current: #"{"Statement":"x"}"#))
    }

    func testStringsWithBracketsAndEscapedQuotesDoNotConfuseTheBoundaries() throws {
        let tricky = #"{"Sid":"x","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"acm-pca:ListTags","Resource":"arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/a]}\"[{"}"#
        let before = pretty([tricky])
        guard case let .put(after) = try PolicyEdit.share(SharingGrant(principal: partner, issue: false), caArn: arn, current: before).edit else {
            return XCTFail()
        }
        XCTAssertEqual(try ResourcePolicy(text: after).statements.first?.text, tricky)
    }

    func testTheSummarySaysWhoMayDoWhat() throws {
        let policy = try ResourcePolicy(text: pretty([foreignA, foreignB] + SharingGrant(principal: partner, issue: true).statements(caArn: arn)))
        let summary = PolicySummary(policy)
        XCTAssertEqual(summary.principals, [.principal("arn:aws:iam::999988887777:role/audit"), .service("acm.amazonaws.com"),
                                            .account("555566667777")])
        XCTAssertEqual(summary.grants.last?.conditions.map(\.words),
                       ["acm-pca:TemplateArn StringEquals arn:aws:acm-pca:::template/EndEntityCertificate/V1"])
        XCTAssertEqual(summary.jsonObjects.first?["principalType"] as? String, "principal")
    }
}
