import Foundation
import PCAClient

/// STS over the query protocol: GetCallerIdentity, so the UI can show who it is signed in as, and
/// AssumeRole into the demo roles, so role profiles with `mfa_serial` can be tried without AWS.
enum STSAnswers {
    static func error(_ error: EmulatorError, requestID: String) -> HTTPResponse {
        let xml = """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error>
                <Type>Sender</Type>
                <Code>\(escape(error.code))</Code>
                <Message>\(escape(error.message))</Message>
              </Error>
              <RequestId>\(requestID)</RequestId>
            </ErrorResponse>
            """
        return HTTPResponse(statusCode: error.status == 500 ? 500 : (error.code == "AccessDenied" ? 403 : 400),
                            headers: [("x-amzn-RequestId", requestID), ("Content-Type", "text/xml")],
                            body: Data(xml.utf8))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func formFields(_ body: Data) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}

extension Emulator {
    func stsAnswer(_ request: SigV4Verifier.ReceivedRequest, user: EmulatedUser, requestID: String) throws -> HTTPResponse {
        let fields = STSAnswers.formFields(request.body)
        let xml: String
        switch fields["Action"] {
        case "GetCallerIdentity":
            xml = callerIdentityXML(user, requestID: requestID)
        case "AssumeRole":
            xml = try assumeRoleXML(fields, caller: user, requestID: requestID)
        default:
            throw EmulatorError("InvalidAction", "Could not find operation \(fields["Action"] ?? "") for version 2011-06-15")
        }
        return HTTPResponse(statusCode: 200, headers: [("x-amzn-RequestId", requestID), ("Content-Type", "text/xml")],
                            body: Data(xml.utf8))
    }

    private func callerIdentityXML(_ user: EmulatedUser, requestID: String) -> String {
        let prefix = user.sessionToken == nil ? "AIDA" : "AROA"
        let userID = prefix + String(user.accessKeyID.uppercased().filter(\.isLetter).prefix(17))
        return """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>\(STSAnswers.escape(userARN(user)))</Arn>
                <UserId>\(userID)</UserId>
                <Account>\(user.account ?? state.account)</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata>
                <RequestId>\(requestID)</RequestId>
              </ResponseMetadata>
            </GetCallerIdentityResponse>
            """
    }

    /// AssumeRole into a demo role (DemoSeed.roles), with AWS's checks: a valid session name and duration,
    /// the role exists and trusts the caller, and an MFA code when the role demands one.
    private func assumeRoleXML(_ fields: [String: String], caller: EmulatedUser, requestID: String) throws -> String {
        let roleARN = fields["RoleArn"] ?? ""
        let (sessionName, duration) = try STSAnswers.assumeRoleInput(fields)
        let denied = EmulatorError("AccessDenied", "User: \(userARN(caller)) is not authorized to perform: sts:AssumeRole "
                                   + "on resource: \(roleARN)", status: 403)
        guard let role = DemoSeed.roles.first(where: { "arn:aws:iam::\(state.account):role/\($0.name)" == roleARN }) else {
            throw denied
        }
        if role.requiresMFA {
            guard let serial = fields["SerialNumber"], let code = fields["TokenCode"] else { throw denied }
            guard serial == DemoSeed.mfaSerial(for: caller.name), code == DemoSeed.mfaCode else {
                throw EmulatorError("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ",
                                    status: 403)
            }
        }
        let expiration = now().addingTimeInterval(TimeInterval(duration))
        let temporary = STSAnswers.temporaryUser(role: role.name, sessionName: sessionName, allowedActions: role.allowedActions)
        addTemporaryUser(temporary, expiresAt: expiration)
        return STSAnswers.assumeRoleXML(temporary, arn: userARN(temporary), sessionName: sessionName, expiration: expiration,
                                        requestID: requestID)
    }

    static func randomText(_ length: Int, alphabet: String) -> String {
        let characters = Array(alphabet)
        return String((0..<length).map { _ in characters.randomElement()! })
    }
}

extension STSAnswers {
    /// AssumeRole's session name and duration, checked as STS checks them.
    static func assumeRoleInput(_ fields: [String: String]) throws -> (sessionName: String, duration: Int) {
        let sessionName = fields["RoleSessionName"] ?? ""
        guard sessionName.range(of: #"^[\w+=,.@-]{2,64}\z"#, options: .regularExpression) != nil else {
            throw EmulatorError("ValidationError", "1 validation error detected: Value '\(sessionName)' at 'roleSessionName' "
                                + "failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*")
        }
        let duration = Int(fields["DurationSeconds"] ?? "3600") ?? 0
        guard (900...43_200).contains(duration) else {
            throw EmulatorError("ValidationError", "1 validation error detected: Value '\(duration)' at 'durationSeconds' "
                                + "failed to satisfy constraint: Member must have value between 900 and 43200")
        }
        return (sessionName, duration)
    }

    /// Temporary keys for `role` (`ASIA...`, a secret, a session token), not yet registered anywhere.
    static func temporaryUser(role: String, sessionName: String, allowedActions: [String]) -> EmulatedUser {
        let tokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        return EmulatedUser(
            name: "assumed-role/\(role)/\(sessionName)",
            accessKeyID: "ASIA" + Emulator.randomText(16, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            secretAccessKey: Emulator.randomText(40, alphabet: tokenAlphabet),
            sessionToken: "IQoJb3JpZ2luX2Vj" + Emulator.randomText(120, alphabet: tokenAlphabet),
            allowedActions: allowedActions)
    }

    /// STS's AssumeRole answer for the keys of `temporary`, whose role session is `arn`.
    static func assumeRoleXML(_ temporary: EmulatedUser, arn: String, sessionName: String, expiration: Date,
                              requestID: String) -> String {
        """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <AssumedRoleUser>
                  <AssumedRoleId>AROA\(Emulator.randomText(17, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")):\(escape(sessionName))</AssumedRoleId>
                  <Arn>\(escape(arn))</Arn>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>\(temporary.accessKeyID)</AccessKeyId>
                  <SecretAccessKey>\(temporary.secretAccessKey)</SecretAccessKey>
                  <SessionToken>\(temporary.sessionToken ?? "")</SessionToken>
                  <Expiration>\(AWSTimestamp.iso8601(expiration))</Expiration>
                </Credentials>
              </AssumeRoleResult>
              <ResponseMetadata>
                <RequestId>\(requestID)</RequestId>
              </ResponseMetadata>
            </AssumeRoleResponse>
            """
    }
}
