"""Seed data and default property values of new entities."""

import secrets
import string

# (Id, Windows name, IANA name, display name) - Id "51" is UTC like on a real PBX's table.
TIME_ZONES = [
    ('1', 'Dateline Standard Time', 'Etc/GMT+12', '(UTC-12:00) International Date Line West'),
    ('2', 'Hawaiian Standard Time', 'Pacific/Honolulu', '(UTC-10:00) Hawaii'),
    ('3', 'Alaskan Standard Time', 'America/Anchorage', '(UTC-09:00) Alaska'),
    ('4', 'Pacific Standard Time', 'America/Los_Angeles', '(UTC-08:00) Pacific Time (US & Canada)'),
    ('10', 'US Mountain Standard Time', 'America/Phoenix', '(UTC-07:00) Arizona'),
    ('11', 'Mountain Standard Time', 'America/Denver', '(UTC-07:00) Mountain Time (US & Canada)'),
    ('20', 'Central Standard Time', 'America/Chicago', '(UTC-06:00) Central Time (US & Canada)'),
    ('21', 'Central Standard Time (Mexico)', 'America/Mexico_City', '(UTC-06:00) Guadalajara, Mexico City, Monterrey'),
    ('35', 'Eastern Standard Time', 'America/New_York', '(UTC-05:00) Eastern Time (US & Canada)'),
    ('36', 'SA Pacific Standard Time', 'America/Bogota', '(UTC-05:00) Bogota, Lima, Quito, Rio Branco'),
    ('40', 'Atlantic Standard Time', 'America/Halifax', '(UTC-04:00) Atlantic Time (Canada)'),
    ('45', 'E. South America Standard Time', 'America/Sao_Paulo', '(UTC-03:00) Brasilia'),
    ('46', 'Argentina Standard Time', 'America/Argentina/Buenos_Aires', '(UTC-03:00) City of Buenos Aires'),
    ('48', 'Azores Standard Time', 'Atlantic/Azores', '(UTC-01:00) Azores'),
    ('50', 'GMT Standard Time', 'Europe/London', '(UTC+00:00) Dublin, Edinburgh, Lisbon, London'),
    ('51', 'UTC', 'Etc/UTC', '(UTC) Coordinated Universal Time'),
    ('52', 'Greenwich Standard Time', 'Atlantic/Reykjavik', '(UTC+00:00) Monrovia, Reykjavik'),
    ('60', 'W. Europe Standard Time', 'Europe/Berlin', '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna'),
    ('61', 'Central Europe Standard Time', 'Europe/Budapest', '(UTC+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague'),
    ('62', 'Romance Standard Time', 'Europe/Paris', '(UTC+01:00) Brussels, Copenhagen, Madrid, Paris'),
    ('63', 'Central European Standard Time', 'Europe/Warsaw', '(UTC+01:00) Sarajevo, Skopje, Warsaw, Zagreb'),
    ('70', 'GTB Standard Time', 'Europe/Bucharest', '(UTC+02:00) Athens, Bucharest'),
    ('71', 'South Africa Standard Time', 'Africa/Johannesburg', '(UTC+02:00) Harare, Pretoria'),
    ('72', 'FLE Standard Time', 'Europe/Kiev', '(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius'),
    ('73', 'Israel Standard Time', 'Asia/Jerusalem', '(UTC+02:00) Jerusalem'),
    ('80', 'Russian Standard Time', 'Europe/Moscow', '(UTC+03:00) Moscow, St. Petersburg'),
    ('81', 'Arabic Standard Time', 'Asia/Baghdad', '(UTC+03:00) Baghdad'),
    ('85', 'Arabian Standard Time', 'Asia/Dubai', '(UTC+04:00) Abu Dhabi, Muscat'),
    ('90', 'India Standard Time', 'Asia/Kolkata', '(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi'),
    ('95', 'SE Asia Standard Time', 'Asia/Bangkok', '(UTC+07:00) Bangkok, Hanoi, Jakarta'),
    ('100', 'China Standard Time', 'Asia/Shanghai', '(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi'),
    ('101', 'Singapore Standard Time', 'Asia/Singapore', '(UTC+08:00) Kuala Lumpur, Singapore'),
    ('105', 'Tokyo Standard Time', 'Asia/Tokyo', '(UTC+09:00) Osaka, Sapporo, Tokyo'),
    ('110', 'AUS Eastern Standard Time', 'Australia/Sydney', '(UTC+10:00) Canberra, Melbourne, Sydney'),
    ('115', 'New Zealand Standard Time', 'Pacific/Auckland', '(UTC+12:00) Auckland, Wellington'),
]

DEFAULT_PROMPT_SET = '1e6ed594-af95-4bb4-af56-b957ac87d6d7'

ROLE_RIGHTS = {
    'system_owners': (True, True, True, True, True),
    'system_admins': (True, True, True, True, True),
    'group_owners': (True, True, True, True, True),
    'managers': (True, True, True, False, True),
    'group_admins': (True, True, True, True, False),
    'receptionists': (True, True, False, False, True),
    'users': (False, False, False, False, True),
    'observers': (False, True, False, False, False),
}


def time_zones():
    """``Pbx.TimeZone`` rows."""
    return [{'Id': tz_id, 'WindowsName': windows, 'IanaName': iana, 'Name': name} for tz_id, windows, iana, name in TIME_ZONES]


def rights_for(role_name):
    """A ``Pbx.Rights`` object for a role."""
    manage, see_members, barge, book, presence = ROLE_RIGHTS.get(role_name, ROLE_RIGHTS['users'])
    return {
        'RoleName': role_name, 'AllowIVR': manage, 'AllowParking': True, 'AllowToChangePresence': presence,
        'AllowToManageCompanyBook': book, 'AssignClearOperations': manage, 'CanBargeIn': barge, 'CanIntercom': barge,
        'CanSeeGroupCalls': see_members, 'CanSeeGroupMembers': see_members, 'CanSeeGroupRecordings': manage,
        'Invalid': False, 'PerformOperations': manage, 'ShowMyCalls': True, 'ShowMyPresence': True, 'ShowMyPresenceOutside': False,
    }


def _secret(length, alphabet=string.ascii_letters + string.digits):
    return ''.join(secrets.choice(alphabet) for _position in range(length))


SECRET_SHAPES = {'VMPIN': (4, string.digits), 'DeskphonePassword': (12, string.ascii_letters + string.digits)}


def generate_secret(prop):
    """A fresh random value for a secret property (a 4-digit PIN for ``VMPIN``, 10-12 letters and digits otherwise)."""
    length, alphabet = SECRET_SHAPES.get(prop, (10, string.ascii_letters + string.digits))
    return _secret(length, alphabet)


def _empty_destination():
    return {'To': 'None', 'Number': None, 'External': None, 'Name': None, 'Type': 'None', 'Tags': []}


def empty_route():
    """A ``Pbx.Route`` that routes nowhere."""
    return {'IsPromptEnabled': False, 'Prompt': None, 'Route': _empty_destination()}


def new_user_defaults():
    """Every plain property of a fresh ``Pbx.User`` with realistic values (its secrets are generated on create: sets.py)."""
    return {
        'Id': 0, 'Number': None, 'FirstName': '', 'LastName': '', 'DisplayName': '', 'EmailAddress': '', 'Mobile': '',
        'OutboundCallerID': '', 'Language': 'EN', 'PromptSet': DEFAULT_PROMPT_SET,
        'AccessPassword': None, 'AuthID': None, 'AuthPassword': None, 'DeskphonePassword': None, 'VMPIN': None,  # generated on create
        'SIPID': '', 'Require2FA': False, 'Enable2FA': False, 'Enabled': True, 'Internal': False,
        'SendEmailMissedCalls': True, 'VMEmailOptions': 'Notification', 'VMEnabled': True, 'VMDisablePinAuth': False,
        'VMPlayCallerID': False, 'VMPlayMsgDateTime': 'None', 'PrimaryGroupId': None, 'ClickToCallId': None,
        'CallUsEnableChat': False, 'CallUsEnablePhone': False, 'CallUsEnableVideo': False, 'CallUsRequirement': 'Both',
        'WebMeetingFriendlyName': None, 'WebMeetingApproveParticipants': False, 'TranscriptionMode': 'Inherit',
        'AIAgent': False, 'AllowLanOnly': True, 'AllowOwnRecordings': False, 'BlockTunnel': False, 'CallScreening': False,
        'ContactImage': '', 'CurrentProfileName': 'Available', 'DatevEnabled': False, 'EmergencyAdditionalInfo': None,
        'EmergencyLocationId': None, 'EnableHotdesking': False, 'ForbidRecording': False, 'GoogleCalendarEnabled': False,
        'GoogleContactsEnabled': False, 'GoogleSignInEnabled': True, 'HideInPhonebook': False, 'HotdeskingAssignment': None,
        'IsRegistered': False, 'MS365CalendarEnabled': False, 'MS365ContactsEnabled': False, 'MS365SignInEnabled': True,
        'MS365TeamsEnabled': False, 'MyPhoneAllowDeleteRecordings': False, 'MyPhoneHideForwardings': False, 'MyPhonePush': True,
        'MyPhoneShowRecordings': False, 'OfficeHoursProps': [], 'PbxDeliversAudio': False, 'PinProtected': False,
        'PinProtectTimeout': 0, 'QueueStatus': 'LoggedOut', 'RecordCalls': False, 'RecordEmailNotify': False,
        'RecordExternalCallsOnly': False, 'SRTPMode': 'SRTPDisabled', 'Tags': [], 'Blfs': None,
        'AgentSettings': None, 'BreakTime': None, 'Hours': None,
    }


def new_forwarding_profiles():
    """The five forwarding profiles of a new user (Pbx.ForwardingProfile; names as the 3CX web client shows them):
    unanswered, busy and unregistered calls of Available, and all calls of the others, go to the user's voicemail."""
    def voicemail():
        return {'To': 'VoiceMail', 'Number': None, 'External': None, 'Name': None, 'Type': None, 'Tags': []}
    profiles = []
    for index, name in enumerate(('Available', 'Away', 'Out of office', 'Custom 1', 'Custom 2'), start=1):
        profiles.append({
            'Id': index, 'Name': name, 'CustomName': None, 'CustomMessage': None, 'NoAnswerTimeout': 20, 'RingMyMobile': False,
            'AcceptMultipleCalls': False, 'DisableRingGroupCalls': False, 'BlockPushCalls': False, 'OfficeHoursAutoQueueLogOut': False,
            'AvailableRoute': dict(('%s%s' % (situation, calls), voicemail()) for situation in ('NoAnswer', 'Busy', 'NotRegistered')
                                   for calls in ('Internal', 'External')),
            'AwayRoute': {'Internal': voicemail(), 'External': voicemail(), 'AllHoursInternal': True, 'AllHoursExternal': True}})
        profiles[-1]['AvailableRoute'].update(NoAnswerAllCalls=True, BusyAllCalls=True, NotRegisteredAllCalls=True)
    return profiles


def new_device_info_defaults():
    """Every property of a ``Pbx.DeviceInfo`` (a phone the PBX detected)."""
    return {'Id': 0, 'MAC': None, 'Model': None, 'Vendor': None, 'FirmwareVersion': None, 'UserAgent': None, 'NetworkAddress': None,
            'NetworkPath': None, 'InterfaceLink': None, 'TemplateName': None, 'Parameters': None, 'SbcName': None, 'ViaSBC': False,
            'DetectedAt': None, 'Assigned': False, 'AssignedUser': None}


def new_phone_template_defaults():
    """Every plain property of a ``Pbx.PhoneTemplate``."""
    return {'Id': None, 'AddAllowed': True, 'IsCustom': False, 'TemplateType': 'Supported', 'URL': None, 'Content': None, 'Models': [],
            'Languages': [], 'TimeZones': [], 'Codecs': [], 'DateFormats': [], 'TimeFormats': [], 'RingTones': [],
            'AllowedNetConfigs': [], 'BacklightTimeouts': [], 'PowerLedSettings': [], 'QueueRingTones': [], 'ScreenSaverTimeouts': [],
            'AllowSSLProvisioning': True, 'HotdeskingAllowed': True, 'RpsEnabled': True, 'XferTypeEnabled': True,
            'DefaultQueueRingTone': None, 'MaxQueueCustomRingtones': 0}


def seed_phone_templates():
    """Two provisioning templates of a fresh PBX (their file names are their keys)."""
    templates = []
    for name, vendor, models in (('yealink_t4x.ph.xml', 'Yealink', ('T46U', 'T48U')), ('fanvil_x.ph.xml', 'Fanvil', ('X4U', 'X6U'))):
        template = new_phone_template_defaults()
        template.update(Id=name, Models=[{'Name': '%s %s' % (vendor, model), 'AddAllowed': True, 'CanBeSBC': False, 'URL': None,
                                          'UserAgent': '%s SIP-%s' % (vendor, model)} for model in models],
                        Languages=['English', 'German', 'French'], Codecs=['PCMA', 'PCMU', 'G722', 'G729', 'OPUS'],
                        TimeZones=['GMT', 'GMT+1', 'GMT+2'])
        templates.append(template)
    return templates


def new_contact_defaults():
    """Every property of a fresh ``Pbx.Contact`` (a contact of the PBX's own phonebook: ContactType 3CX)."""
    contact = dict((prop, None) for prop in ('FirstName', 'LastName', 'CompanyName', 'Tag', 'Title', 'Department', 'Email',
                                             'PhoneNumber', 'Mobile2', 'Home', 'Business', 'Business2', 'BusinessFax',
                                             'Pager', 'Other'))
    contact.update(Id=0, ContactType='3CX')
    return contact


def new_group_defaults():
    """Every plain property of a fresh ``Pbx.Group``."""
    return {
        'Id': 0, 'Number': None, 'Name': None, 'IsDefault': False, 'Language': 'EN', 'TimeZoneId': '51',
        'PromptSet': DEFAULT_PROMPT_SET, 'AllowCallService': True, 'DisableCustomPrompt': True, 'CustomPrompt': None,
        'AnswerAfter': 0, 'CallHandlingMode': [], 'CurrentGroupHours': 'Default', 'CustomOperator': None, 'GloballyVisible': False,
        'HasMembers': False, 'LastLoginTime': None, 'MusicOnHold': None, 'OverrideExpiresAt': None, 'OverrideHolidays': False,
        'TranscriptionMode': 'Inherit', 'ClickToCallId': None, 'CallUsEnableChat': False, 'CallUsEnablePhone': False,
        'CallUsEnableVideo': False, 'CallUsRequirement': 'Both', 'BreakTime': None, 'Hours': None,
        'OfficeRoute': empty_route(), 'OutOfOfficeRoute': empty_route(), 'BreakRoute': empty_route(), 'HolidaysRoute': empty_route(),
        'Props': {
            'SystemNumberFrom': None, 'SystemNumberTo': None, 'UserNumberFrom': None, 'UserNumberTo': None,
            'TrunkNumberFrom': None, 'TrunkNumberTo': None, 'LiveChatMaxCount': 0, 'PersonalContactsMaxCount': 0,
            'PromptsMaxCount': 0, 'DectMaxCount': 0, 'DepartmentContactsMaxCount': 0, 'OutboundRulesMaxCount': 0,
            'SbcMaxCount': 0, 'TrunksMaxCount': 0, 'Fqdn': None, 'ResellerId': None, 'ResellerName': None, 'StartupLicense': None,
            'StartupOwnerEmail': None, 'SubcriptionExpireDate': None, 'Subscription': None, 'SubscriptionType': None,
        },
    }


def new_parking_defaults():
    """Every plain property of a fresh ``Pbx.Parking``."""
    return {'Id': 0, 'Number': None, 'TranscriptionMode': 'Inherit'}


def new_weblink_defaults():
    """Every plain property of a fresh ``Pbx.Weblink``."""
    return {
        'Id': 0, 'Link': '', 'Name': '', 'Group': None, 'Website': [], 'ChatEnabled': True, 'CallsEnabled': True,
        'MeetingEnabled': False, 'DefaultRecord': False, 'Hidden': False, 'EnableReCaptcha': False,
        'General': {'Greeting': 'DesktopAndMobile', 'Authentication': 'None', 'AllowSoundNotifications': True,
                    'DisableOfflineMessages': False, 'EnableOnMobile': True, 'GdprEnabled': False, 'EnableGA': False},
        'Advanced': {'CommunicationOptions': 'PhoneAndChat', 'EnableDirectCall': True, 'CallTitle': '', 'IgnoreQueueOwnership': False},
        'Styling': {'Animation': 'NoAnimation', 'Minimized': True, 'Style': None, 'UseRubik': False},
        'ChatBox': {'ButtonIconType': 'Default', 'ButtonIconUrl': None, 'ChatDelay': 2000, 'Height': None, 'LiveChatLanguage': 'browser',
                    'LiveMessageUserinfoFormat': 'Avatar', 'MessageDateformat': 'Both', 'MinimizedStyle': 'BubbleRight',
                    'OperatorIcon': None, 'OperatorName': 'Support', 'ShowOperatorActualName': True, 'WindowIcon': None},
        'Translations': {'GreetingMessage': None, 'StartChatButtonText': None, 'UnavailableMessage': None},
    }


def default_department(user_range):
    """The system department ``DEFAULT`` (``GRP0000``)."""
    group = new_group_defaults()
    group.update({'Id': 1, 'Number': 'GRP0000', 'Name': 'DEFAULT', 'IsDefault': True})
    group['Props'].update({'UserNumberFrom': str(user_range[0]), 'UserNumberTo': str(user_range[1]),
                           'SystemNumberFrom': '800', 'SystemNumberTo': '899', 'LiveChatMaxCount': 20,
                           'PersonalContactsMaxCount': 500, 'PromptsMaxCount': 10})
    return group


def empty_destination():
    """A ``Pbx.Destination`` that routes nowhere."""
    return _empty_destination()


def _click_to_call():
    return {'CallUsEnableChat': False, 'CallUsEnablePhone': False, 'CallUsEnableVideo': False, 'CallUsRequirement': 'Both',
            'ClickToCallId': None, 'TranscriptionMode': 'Inherit'}


def _routes():
    return {name: empty_route() for name in ('OutOfOfficeRoute', 'BreakRoute', 'HolidaysRoute')}


def new_ring_group_defaults():
    """Every plain property of a fresh ``Pbx.RingGroup``."""
    return {'Id': 0, 'Number': None, 'Name': None, 'RingStrategy': 'Hunt', 'RingTime': 20, 'ForwardNoAnswer': empty_destination(),
            'GreetingFile': None, 'IsRegistered': False, 'MulticastAddress': None, 'MulticastCodec': None, 'MulticastPacketTime': 20,
            'MulticastPort': 0, 'VMEmailList': None, 'VMEmailOptions': 'Notification', 'Members': [],
            **_click_to_call(), **_routes()}


def new_queue_defaults():
    """Every plain property of a fresh ``Pbx.Queue``."""
    return {'Id': 0, 'Number': None, 'Name': None, 'PollingStrategy': 'Hunt', 'RingTimeout': 20, 'MasterTimeout': 0,
            'MaxCallersInQueue': 10, 'ForwardNoAnswer': empty_destination(), 'AgentAvailabilityMode': False,
            'AnnounceEstimatedWaitTime': False, 'AnnounceEstimatedWaitTimeInterval': 60, 'AnnouncementInterval': 60,
            'AnnounceQueuePosition': False, 'AutoLogoutMissedCalls': 0, 'CallbackEnableTime': 0, 'CallbackOfferOnly': False,
            'CallbackOfferPrompt': None, 'CallbackPrefix': None, 'ComfortPrompts': [], 'ComfortPromptsEnabled': False,
            'ComfortPromptsInterval': 60, 'DestinationNoAnswerPrompt': None, 'EnableIntro': False, 'GreetingFile': None,
            'IntroFile': None, 'IsRegistered': False, 'MaxWaitStrategyEnabled': False, 'MaxWaitTimeSkillGroupValues': [],
            'NotifyCodes': [], 'OnHoldFile': None, 'PlayFullPrompt': False, 'PriorityQueue': False, 'PromptSet': DEFAULT_PROMPT_SET,
            'Recording': 'Disabled', 'ResetStatisticsScheduleEnabled': False, 'SkillBasedRingAllCumulativePollingEnabled': False,
            'SLATime': 0, 'StopBackgroundWhenPrompt': False, 'VMEmailList': None, 'VMEmailOptions': 'Notification', 'WrapUpTime': 0,
            'Agents': [], 'Managers': [], **_click_to_call(), **_routes()}


def new_receptionist_defaults():
    """Every plain property of a fresh ``Pbx.Receptionist`` (digital receptionist / IVR)."""
    return {'Id': 0, 'Number': None, 'Name': None, 'IVRType': 'Default', 'PromptFilename': None, 'PromptSet': DEFAULT_PROMPT_SET,
            'Timeout': 10, 'TimeoutForwardType': 'EndCall', 'TimeoutForwardDN': None, 'TimeoutForwardPeerType': 'None',
            'InvalidKeyForwardDN': None, 'ForwardSmsTo': None, 'IsRegistered': False, 'TransferEnable': False,
            'UseMSExchange': False, 'TranscriptionMode': 'Inherit', 'Forwards': [], **_routes()}


def new_inbound_rule_defaults():
    """Every plain property of a fresh ``Pbx.InboundRule`` (a DID rule)."""
    return {'Id': 0, 'RuleName': None, 'Data': None, 'CustomData': None, 'Condition': 'BasedOnDID', 'CallType': 'AllCalls',
            'AlterDestinationDuringHolidays': False, 'AlterDestinationDuringOutOfOfficeHours': False, 'Hours': None,
            'OfficeHoursDestination': empty_destination(), 'OutOfOfficeHoursDestination': empty_destination(),
            'HolidaysDestination': empty_destination(), 'TrunkDN': None}


def new_holiday_defaults():
    """Every plain property of a fresh ``Pbx.Holiday``."""
    return {'Id': 0, 'Name': None, 'Day': 1, 'Month': 1, 'Year': 0, 'DayEnd': 1, 'MonthEnd': 1, 'YearEnd': 0, 'IsRecurrent': True,
            'TimeOfStartDate': 'PT0S', 'TimeOfEndDate': 'PT0S', 'HolidayPrompt': None, 'Group': None}


def new_gateway(name=None, template=None, host=None, port=5060):
    """Every plain property of a ``Pbx.Gateway`` (a trunk's provider side)."""
    return {'Id': None, 'Name': name, 'Host': host, 'Port': port, 'ProxyHost': None, 'ProxyPort': 5060, 'Type': 'Provider',
            'TemplateFilename': template, 'TimeBetweenReg': 3600, 'RequireRegistrationFor': 'InOutCalls', 'OutboundCallerID': None,
            'Codecs': [], 'Lines': None, 'Internal': False, 'IsCustom': False, 'SRTPMode': 'SRTPDisabled', 'SupportReinvite': True,
            'SupportReplaces': True, 'DeliverAudio': False, 'MatchingStrategy': None, 'IPInRegistrationContact': 'External',
            'SpecifiedIPForRegistrationContact': None, 'DestNumberInRemotePartyIDCalled': False, 'DestNumberInRequestLineURI': True,
            'DestNumberInTo': False, 'InboundParams': [], 'OutboundParams': [], 'SourceIdentification': []}


def new_trunk_defaults():
    """Every plain property of a fresh ``Pbx.Trunk``."""
    return {'Id': 0, 'Number': None, 'TranscriptionMode': 'Inherit', 'AuthID': None, 'AuthPassword': None, 'Direction': 'Both',
            'DidNumbers': [], 'EnableInboundCalls': True, 'EnableOutboundCalls': True, 'ExternalNumber': None, 'IsOnline': False,
            'OutboundCallerID': None, 'SimultaneousCalls': 10, 'Tags': [], 'Gateway': None, 'E164CountryCode': None,
            'E164ProcessIncomingNumber': False, 'InCIDFormatting': [], 'OutCIDFormatting': [], 'TrunkRegTimes': [],
            'SeparateAuthId': None, 'UseSeparateAuthId': False, 'DisableVideo': False, 'DisableCallTransfer': False,
            'DiversionHeader': False, 'PublishInfo': False, 'ReceiveInfo': False, 'PublicInfoGroups': [], 'PublicIPinSIP': None,
            'IPRestriction': 'Any', 'TransportRestriction': 'Any', 'SecondaryRegistrar': None, 'TunnelEnabled': False,
            'TunnelRemoteAddr': None, 'TunnelRemotePort': None, 'RemoteMyPhoneUriHost': None, 'RemotePBXPreffix': None,
            'ScriptName': None, 'Certificate': None, 'CertificateName': None, 'CertificateExpirationDate': None,
            'ConfigurationIssue': None}


def seed_trunks():
    """The seeded SIP trunk with three DID numbers (Id 2, Number 10000)."""
    trunk = new_trunk_defaults()
    gateway = new_gateway('Emulator SIP provider', 'generic.pv.xml', 'sip.example.com')
    gateway['Id'] = 2
    trunk.update({'Id': 2, 'Number': '10000', 'AuthID': 'emulator-trunk', 'ExternalNumber': '+493012345600', 'IsOnline': True,
                  'DidNumbers': ['+493012345600', '+493012345601', '+493012345602'], 'Gateway': gateway})
    return [trunk]


def new_trunk_template_defaults():
    """Every plain property of a ``Pbx.TrunkTemplate``."""
    return {'Id': None, 'Name': None, 'Description': None, 'AddAllowed': True, 'Content': None, 'Countries': [],
            'DefaultProxyPort': 5060, 'DefaultRegistrarPort': 5060, 'Editors': [], 'IsCustom': False, 'MessagingTemplate': None,
            'Tags': [], 'TemplateType': 'Supported', 'Url': None}


def seed_trunk_templates():
    """Provider templates, named by their file as 3CX names them (``1cx.pv.xml``, ``Callcentric.pv.xml``: FACTS.md) and a
    generic SIP template (its file name is the emulator's choice). ``Host`` is not a template property: the web client fills
    the registrar in from the template's content; the emulator keeps it in ``Content``."""
    rows = [('generic.pv.xml', 'Generic SIP Trunk', 'Any SIP provider: registrar, port and credentials from its setup sheet', [], None),
            ('1cx.pv.xml', '1CX', '3CX SIP trunk service', [], 'sip.1cx.example'),
            ('Callcentric.pv.xml', 'Callcentric', 'Callcentric (US)', ['US'], 'callcentric.com')]
    templates = []
    for template_id, name, description, countries, host in rows:
        template = new_trunk_template_defaults()
        template.update({'Id': template_id, 'Name': name, 'Description': description, 'Countries': countries, 'Content': host})
        templates.append(template)
    return templates


def new_outbound_rule_defaults():
    """Every plain property of a fresh ``Pbx.OutboundRule``."""
    return {'Id': 0, 'Name': None, 'Prefix': None, 'NumberLengthRanges': None, 'DNRanges': [], 'GroupIds': [], 'GroupNames': [],
            'EmergencyRule': False, 'Priority': None, 'Routes': []}


def new_office_hours():
    """The system-wide ``Pbx.OfficeHours`` singleton."""
    week = [{'DayOfWeek': day, 'Start': '09:00:00', 'Stop': '17:00:00'} for day in ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday')]
    return {'Hours': {'Type': 'OfficeHours', 'IgnoreHolidays': False, 'Periods': week},
            'BreakTime': {'Type': 'BreakTime', 'IgnoreHolidays': False, 'Periods': []},
            'SystemLanguage': 'EN', 'TimeZoneId': '51', 'OfficeHolidays': []}


# --- settings sections, backups, licence, blocklist ---------------------------------------------
# What a fresh PBX holds in its settings sections. Property names and types are the spec's (via the
# derived schema); the values of a fresh 3CX v20 where the web client shows them (E.164 for the seeded
# German trunk, the 3CX mail server, anti-hacking defaults, daily backups at night), else the type's zero.

SETTINGS_VALUES = {
    'E164Settings': {'CountryCode': '49', 'CountryName': 'Germany', 'AreaCode': '30', 'InternationalCode': '00',
                     'NationalCode': '0', 'Enabled': True, 'Prefix': None, 'RemoveAreaCode': False, 'RemoveCountryCode': False},
    'MailSettings': {'MailServerType': 'Tcx', 'CanEditMailServerType': True, 'MailServer': None, 'MailUser': None,
                     'MailAddress': None, 'MailSslEnabled': False, 'MailPassword': {'Concealed': False, 'Value': None}},
    'AntiHackingSettings': {'HackAuthRequests': 25, 'HackBarrierAmber': 10, 'HackBarrierGreen': 5, 'HackBarrierRed': 15,
                            'HackBlacklistDuration': 86400, 'HackChallengeRequests': 10, 'MaxRequestPerPeriod': 1000,
                            'SecurityDefenseProgram': True, 'ThrottlePeriodLength': 2},
    'CodecsSettings': {'ExternalCodecList': ['G722', 'PCMA', 'PCMU', 'G729'], 'LocalCodecList': ['G722', 'PCMA', 'PCMU', 'opus']},
    'DialCodeSettings': {'DialCodeBillingCode': '*8', 'DialCodeHideCallerID': '*30', 'DialCodeHotdesking': '*20',
                         'DialCodeIntercom': '*9', 'DialCodeLoggedInQueue': '*62', 'DialCodeLoggedOutQueue': '*63',
                         'DialCodeOutOffice': '*70', 'DialCodePark': '*0', 'DialCodePickup': '*20*', 'DialCodeProfileStatus': '*33',
                         'DialCodeUnpark': '*1', 'DialCodeVMail': '999', 'DialCodeHotelAccess': '*77'},
    'VoicemailSettings': {'Extension': '999', 'Quota': 2048, 'AutoDeleteDays': 30, 'TranscribeEngine': 'None', 'UsedSpace': 0},
    'MusicOnHoldSettings': {'MusicOnHold': 'onhold.wav'},
}
BACKUP_SETTINGS = {
    'Contents': {'CallHistory': True, 'DisableBackupCompression': False, 'EncryptBackup': False,
                 'EncryptBackupPassword': {'Concealed': False, 'Value': None}, 'FQDN': True, 'License': True,
                 'PhoneProvisioning': True, 'Prompts': True, 'Recordings': False, 'VoiceMails': True},
    'Rotation': 5, 'ScheduleEnabled': False,
    'Schedule': {'Day': 'Sunday', 'RepeatHours': 0, 'RepeatMinutes': 0, 'ScheduleType': 'Daily', 'Time': '02:00:00'},
}
ZEROS = {'Edm.Boolean': False, 'Edm.Int32': 0, 'Edm.Int64': 0}


def type_defaults(type_name, types, enums, depth=0):
    """A value of every property of a complex type: the zero of its type (a string that is not nullable: empty), an
    enum's first member, complex ones nested."""
    from .model import NULLABLE  # pylint: disable=import-outside-toplevel
    values = {}
    for name, prop_type in types[type_name].items():
        if prop_type.startswith('Collection('):
            values[name] = []
        elif prop_type in enums:
            values[name] = enums[prop_type][0]
        elif prop_type in types and depth < 3:
            values[name] = type_defaults(prop_type, types, enums, depth + 1)
        else:
            values[name] = ZEROS.get(prop_type, None if name in NULLABLE.get(type_name, ()) else '')
    return values


def settings_defaults(type_name, values):
    """A settings section of a fresh PBX (``values`` over the type's defaults)."""
    from .model import ENUMS, TYPES  # pylint: disable=import-outside-toplevel
    merged = type_defaults(type_name, TYPES, ENUMS)
    for name, value in values.items():
        merged[name] = value
    return merged


def license_status():
    """The licence of the emulated PBX: an 8SC Professional licence running out in about a year (dates move with the clock)."""
    import datetime  # pylint: disable=import-outside-toplevel
    today = datetime.datetime.now(datetime.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    return {'Activated': True, 'ActiveModules': [], 'AdminEMail': 'admin@example.com', 'CompanyName': 'Example GmbH',
            'ContactName': 'Ada Lovelace', 'CountryCode': 'DE', 'CountryName': 'Germany', 'EMail': 'admin@example.com',
            'ExpirationDate': (today + datetime.timedelta(days=365)).strftime('%Y-%m-%dT%H:%M:%SZ'),
            'MaintenanceExpiresAt': (today + datetime.timedelta(days=200)).strftime('%Y-%m-%dT%H:%M:%SZ'),
            'LicenseActive': True, 'LicenseKey': 'EMUL-ATOR1-LICEN-SEKEY', 'MaxSimCalls': 8, 'ProductCode': '3CXPSPROFENT',
            'ResellerName': 'Example Reseller', 'SimMeetingParticipants': 25, 'Support': True, 'Telephone': '+493012345600',
            'Version': '20.0.10.000'}


def backup_bytes(file_name):
    """The content of an emulated backup file (what its DownloadLink serves; its Size is its length)."""
    return ('3CX backup %s\n' % file_name).encode('utf-8') * 64


def new_backup(name, created):
    """A ``Pbx.Backups`` row of a backup made at ``created``; the emulator serves the file at its DownloadLink."""
    file_name = '%s-%s.zip' % (name, created.strftime('%Y%m%d%H%M%S%f'))
    return {'FileName': file_name, 'CreationTime': created.strftime('%Y-%m-%dT%H:%M:%SZ'), 'Size': len(backup_bytes(file_name)),
            'DownloadLink': '/backups/' + file_name}


def seed_backups():
    """The nightly backup a fresh PBX made yesterday."""
    import datetime  # pylint: disable=import-outside-toplevel
    yesterday = datetime.datetime.now(datetime.timezone.utc).replace(hour=2, minute=0, second=0, microsecond=0) - datetime.timedelta(days=1)
    return [new_backup('3CXScheduledBackup', yesterday)]


def new_backup_defaults():
    """Every property of a ``Pbx.Backups`` row."""
    return {'FileName': None, 'CreationTime': None, 'DownloadLink': None, 'Size': None}


def new_blocklist_defaults():
    """Every property of a new ``Pbx.BlocklistAddr``."""
    return {'Id': 0, 'IPAddrMask': None, 'BlockType': 'Block', 'AddedBy': 'Manual', 'Description': None, 'ExpiresAt': None}
